ALTER TYPE "public"."actor_type" ADD VALUE 'scim_token';--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "user_name" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "scim_attributes" jsonb;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "scim_tokens" ADD COLUMN "display_prefix" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "scim_tokens" ADD COLUMN "created_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "scim_tokens" ADD COLUMN "last_used_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "scim_tokens" ADD CONSTRAINT "scim_tokens_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_tenant_user_name_key" ON "memberships" USING btree ("tenant_id",lower("user_name"));--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_tenant_external_key" ON "memberships" USING btree ("tenant_id","external_id") WHERE "memberships"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "memberships_tenant_updated_idx" ON "memberships" USING btree ("tenant_id","updated_at");--> statement-breakpoint
CREATE INDEX "scim_tokens_tenant_idx" ON "scim_tokens" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "teams_tenant_lower_name_idx" ON "teams" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
-- Every member has a SCIM userName: memberships created outside SCIM (sign-up, seed, invites)
-- take the user's email, so `userName eq` is always one lookup in memberships_tenant_user_name_key.
UPDATE "memberships" m SET "user_name" = u."email" FROM "users" u WHERE u."id" = m."user_id" AND m."user_name" IS NULL;--> statement-breakpoint
CREATE FUNCTION memberships_default_user_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.user_name IS NULL THEN
    SELECT email INTO NEW.user_name FROM users WHERE id = NEW.user_id;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER memberships_default_user_name BEFORE INSERT ON "memberships"
  FOR EACH ROW WHEN (NEW.user_name IS NULL) EXECUTE FUNCTION memberships_default_user_name();
