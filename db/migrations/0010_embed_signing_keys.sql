CREATE TABLE "embed_signing_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kid" text NOT NULL,
	"alg" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_key_encrypted" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rotated_at" timestamp with time zone,
	"retires_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "share_views" ADD COLUMN "viewer_external_id" text;--> statement-breakpoint
ALTER TABLE "embed_signing_keys" ADD CONSTRAINT "embed_signing_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "embed_signing_keys" ADD CONSTRAINT "embed_signing_keys_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "embed_signing_keys_kid_key" ON "embed_signing_keys" USING btree ("kid");--> statement-breakpoint
CREATE UNIQUE INDEX "embed_signing_keys_one_current" ON "embed_signing_keys" USING btree ("tenant_id") WHERE "embed_signing_keys"."rotated_at" is null;