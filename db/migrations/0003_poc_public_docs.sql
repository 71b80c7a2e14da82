CREATE TABLE "poc_public_docs" (
	"poc_id" uuid PRIMARY KEY NOT NULL,
	"task_groups" json NOT NULL,
	"success_criteria" json NOT NULL,
	"comments" json NOT NULL
);
--> statement-breakpoint
ALTER TABLE "poc_public_docs" ADD CONSTRAINT "poc_public_docs_poc_id_pocs_id_fk" FOREIGN KEY ("poc_id") REFERENCES "public"."pocs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comments_author_idx" ON "comments" USING btree ("author_user_id");--> statement-breakpoint
CREATE INDEX "tasks_assignee_idx" ON "tasks" USING btree ("assignee_id");