DROP INDEX "success_criteria_poc_idx";--> statement-breakpoint
DROP INDEX "tasks_poc_idx";--> statement-breakpoint
CREATE INDEX "success_criteria_poc_status_idx" ON "success_criteria" USING btree ("poc_id","status");--> statement-breakpoint
CREATE INDEX "tasks_poc_status_idx" ON "tasks" USING btree ("poc_id","status");