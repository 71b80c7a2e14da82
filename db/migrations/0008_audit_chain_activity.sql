CREATE TYPE "public"."share_view_kind" AS ENUM('view', 'gate', 'export');--> statement-breakpoint
CREATE TYPE "public"."view_notice" AS ENUM('off', 'first', 'every');--> statement-breakpoint
CREATE TABLE "audit_chain_heads" (
	"chain_key" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_view_notices" (
	"grant_id" uuid PRIMARY KEY NOT NULL,
	"last_sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "poc_id" uuid;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "share_views" ADD COLUMN "kind" "share_view_kind" DEFAULT 'view' NOT NULL;--> statement-breakpoint
ALTER TABLE "share_views" ADD COLUMN "viewer_user_id" uuid;--> statement-breakpoint
ALTER TABLE "share_views" ADD COLUMN "format" text;--> statement-breakpoint
ALTER TABLE "share_views" ADD COLUMN "export_id" text;--> statement-breakpoint
ALTER TABLE "sharing_grants" ADD COLUMN "notify_views" "view_notice" DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "grant_view_notices" ADD CONSTRAINT "grant_view_notices_grant_id_sharing_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."sharing_grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_tenant_id_idx" ON "audit_events" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_tenant_poc_idx" ON "audit_events" USING btree ("tenant_id","poc_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_key" ON "audit_events" USING btree (coalesce("tenant_id"::text, 'global'),"chain_seq");--> statement-breakpoint
CREATE INDEX "share_views_viewed_at_idx" ON "share_views" USING btree ("viewed_at");--> statement-breakpoint
-- Every new audit row must carry its place in the tenant's hash chain (lib/audit/chain.ts), so
-- no writer can skip the chain. NOT VALID: rows written before the chain existed stay as they
-- were (the append-only trigger forbids rewriting them) and verify reports them as unchained.
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_chained" CHECK ("chain_seq" IS NOT NULL AND "prev_hash" IS NOT NULL AND "hash" IS NOT NULL) NOT VALID;
