ALTER TABLE "comments" ADD COLUMN "internal" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "deleted_by" uuid;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- The share view's comments: internal comments never leave the tenant; a removed comment keeps
-- its place (its replies still hang under it) with the body already cleared by the app.
CREATE OR REPLACE FUNCTION poc_public_doc_refresh(target uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- One rebuild of a POC at a time (see migration 0004).
  PERFORM pg_advisory_xact_lock(7240002, hashtext(target::text));
  INSERT INTO poc_public_docs AS d (poc_id, task_groups, success_criteria, comments)
  SELECT p.id,
    (SELECT coalesce(json_agg(json_build_object('name', tg.name, 'tasks', (
        SELECT coalesce(json_agg(json_build_object('title', t.title, 'status', t.status,
            'assignee_name', (SELECT u.name FROM users u WHERE u.id = t.assignee_id), 'due_date', t.due_date)
          ORDER BY t.position, t.created_at), '[]'::json)
        FROM tasks t WHERE t.group_id = tg.id))
      ORDER BY tg.position, tg.created_at), '[]'::json)
     FROM task_groups tg WHERE tg.poc_id = p.id),
    (SELECT coalesce(json_agg(json_build_object('description', sc.description, 'status', sc.status)
      ORDER BY sc.position, sc.created_at), '[]'::json)
     FROM success_criteria sc WHERE sc.poc_id = p.id),
    (SELECT coalesce(json_agg(json_build_object('id', c.id, 'parent_id', c.parent_id,
        'author_name', coalesce(c.guest_name, (SELECT u.name FROM users u WHERE u.id = c.author_user_id), 'Former user'),
        'author_kind', CASE WHEN c.guest_name IS NOT NULL THEN 'guest' ELSE 'user' END,
        'body', c.body, 'created_at', to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'edited_at', to_char(c.edited_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'deleted', c.deleted_at IS NOT NULL)
      ORDER BY c.created_at, c.id), '[]'::json)
     FROM comments c WHERE c.poc_id = p.id AND NOT c.internal)
  FROM pocs p WHERE p.id = target
  ON CONFLICT (poc_id) DO UPDATE
    SET task_groups = excluded.task_groups, success_criteria = excluded.success_criteria, comments = excluded.comments;
END;
$$;
--> statement-breakpoint
SELECT poc_public_doc_refresh(id) FROM pocs;
