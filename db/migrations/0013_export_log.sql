ALTER TABLE "share_views" ALTER COLUMN "grant_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "share_views" ADD COLUMN "poc_id" uuid;--> statement-breakpoint
ALTER TABLE "share_views" ADD CONSTRAINT "share_views_poc_id_pocs_id_fk" FOREIGN KEY ("poc_id") REFERENCES "public"."pocs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "share_views_export_id_key" ON "share_views" USING btree ("export_id");--> statement-breakpoint
ALTER TABLE "share_views" ADD CONSTRAINT "share_views_export_shape" CHECK (("share_views"."kind" = 'export') = ("share_views"."export_id" is not null) and ("share_views"."grant_id" is not null or "share_views"."poc_id" is not null));