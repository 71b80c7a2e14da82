-- poc_public_docs holds the anonymous share view's POC-derived parts as ready JSON (see
-- db/schema.ts). The database keeps it current itself: every statement that changes task
-- groups, tasks, success criteria, comments or a user's name rebuilds the affected POCs' row
-- in the same transaction, whichever code path (or psql session) made the change.
-- Keys, order and formats are those of PublicPocView (lib/sharing/schemas.ts): display names
-- only, never emails; timestamps in the same ISO form as Date.toISOString().
CREATE OR REPLACE FUNCTION poc_public_doc_refresh(target uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- One rebuild of a POC at a time. A second transaction waits here until the first commits;
  -- the INSERT below is a new statement, so (READ COMMITTED) its snapshot then includes the
  -- first transaction's changes and neither rebuild can overwrite the other's with stale data.
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
        'author_name', coalesce((SELECT u.name FROM users u WHERE u.id = c.author_user_id), c.guest_name, 'Guest'),
        'author_kind', CASE WHEN c.guest_name IS NOT NULL THEN 'guest' ELSE 'user' END,
        'body', c.body, 'created_at', to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      ORDER BY c.created_at, c.id), '[]'::json)
     FROM comments c WHERE c.poc_id = p.id)
  FROM pocs p WHERE p.id = target
  ON CONFLICT (poc_id) DO UPDATE
    SET task_groups = excluded.task_groups, success_criteria = excluded.success_criteria, comments = excluded.comments;
END;
$$;
--> statement-breakpoint
-- Rebuilds each POC once, in poc_id order, so two transactions take the locks in one order.
CREATE OR REPLACE FUNCTION poc_public_doc_refresh_each(targets uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE target uuid;
BEGIN
  FOR target IN SELECT DISTINCT t FROM unnest(targets) t WHERE t IS NOT NULL ORDER BY 1 LOOP
    PERFORM poc_public_doc_refresh(target);
  END LOOP;
END;
$$;
--> statement-breakpoint
-- Statement-level triggers with transition tables: a bulk insert of 20,000 tasks rebuilds each
-- affected POC once. Each branch names only the transition tables its trigger event has.
CREATE OR REPLACE FUNCTION poc_public_docs_after_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM poc_public_doc_refresh_each(array(SELECT poc_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM poc_public_doc_refresh_each(array(SELECT poc_id FROM old_rows));
  ELSE
    PERFORM poc_public_doc_refresh_each(array(SELECT poc_id FROM new_rows UNION SELECT poc_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A renamed user: every POC that shows the name (as an assignee or a comment author).
CREATE OR REPLACE FUNCTION poc_public_docs_after_user_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM poc_public_doc_refresh_each(array(
    WITH renamed AS (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.name IS DISTINCT FROM o.name)
    SELECT t.poc_id FROM tasks t JOIN renamed r ON t.assignee_id = r.id
    UNION SELECT c.poc_id FROM comments c JOIN renamed r ON c.author_user_id = r.id));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DO $$
DECLARE source text;
BEGIN
  FOREACH source IN ARRAY ARRAY['task_groups', 'tasks', 'success_criteria', 'comments'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION poc_public_docs_after_change()', 'poc_public_docs_' || source || '_insert', source);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION poc_public_docs_after_change()', 'poc_public_docs_' || source || '_update', source);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION poc_public_docs_after_change()', 'poc_public_docs_' || source || '_delete', source);
  END LOOP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER poc_public_docs_users_update AFTER UPDATE ON users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION poc_public_docs_after_user_update();
--> statement-breakpoint
-- Existing POCs get their row now.
SELECT poc_public_doc_refresh(id) FROM pocs;
