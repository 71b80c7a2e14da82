CREATE TABLE "share_email_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"email" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"replaced_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "redact_after_send" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sharing_grants" ADD COLUMN "require_verified_email" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sharing_grants" ADD COLUMN "allowed_viewers" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "sharing_grants" ADD COLUMN "denied_viewers" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "sharing_grants" ADD COLUMN "option_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "share_email_codes" ADD CONSTRAINT "share_email_codes_grant_id_sharing_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."sharing_grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "share_email_codes_lookup_idx" ON "share_email_codes" USING btree ("grant_id","email","created_at");--> statement-breakpoint
ALTER TABLE "sharing_grants" ADD CONSTRAINT "sharing_grants_lists_imply_verification" CHECK ("sharing_grants"."require_verified_email" or (cardinality("sharing_grants"."allowed_viewers") = 0 and cardinality("sharing_grants"."denied_viewers") = 0));