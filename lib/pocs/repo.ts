import { and, desc, eq, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import {
  comments,
  pocs,
  successCriteria,
  taskGroups,
  tasks,
  users,
  type Comment,
  type GrantAction,
  type NewPoc,
  type SuccessCriterion,
  type Task,
  type TaskGroup,
  type TenantRole,
} from "@/db/schema";
import { liveGrantMatchingUser } from "@/lib/sharing/repo";

const owner = alias(users, "owner");
const summaryColumns = { poc: pocs, ownerName: owner.name };

/** What the access policy needs about this user and the POC, as columns of the POC's query. */
const accessFactColumns = (userId: string) => ({
  viewerRole: sql<TenantRole | null>`(select m.role from memberships m where m.tenant_id = ${pocs.tenantId} and m.user_id = ${userId} and m.active)`,
  viewerDeactivated: sql<boolean>`exists (select 1 from memberships m where m.tenant_id = ${pocs.tenantId} and m.user_id = ${userId} and not m.active)`,
  grantedActions: sql<GrantAction[]>`coalesce((
    select array_agg(distinct a::text) from sharing_grants g, unnest(g.actions) a
    where ${liveGrantMatchingUser(userId, pocs.id, pocs.tenantId)}), '{}'::text[])`,
  grantWatermark: sql<boolean>`coalesce((
    select bool_or(g.watermark) from sharing_grants g where ${liveGrantMatchingUser(userId, pocs.id, pocs.tenantId)}), false)`,
});

/** The POC with everything the access policy needs about this user, in one query. */
export async function findPocWithAccessFacts(pocId: string, userId: string) {
  const [row] = await getDb()
    .select({ ...summaryColumns, ...accessFactColumns(userId) })
    .from(pocs)
    .innerJoin(owner, eq(owner.id, pocs.ownerId))
    .where(eq(pocs.id, pocId));
  return row ?? null;
}

export type PocRow = NonNullable<Awaited<ReturnType<typeof findPocWithAccessFacts>>>;

/** POCs a user may see: all of the tenant (admins), their own, or shared with them by a live grant. */
export async function listVisiblePocs(opts: { userId: string; tenantId: string | null; isAdmin: boolean; onlyTenantId: string | null }) {
  const ownOrAdmin: SQL | undefined = opts.tenantId
    ? and(eq(pocs.tenantId, opts.tenantId), opts.isAdmin ? undefined : eq(pocs.ownerId, opts.userId))
    : undefined;
  const granted = sql`exists (select 1 from sharing_grants g where ${liveGrantMatchingUser(opts.userId, pocs.id, pocs.tenantId)})`;
  return getDb()
    .select(summaryColumns)
    .from(pocs)
    .innerJoin(owner, eq(owner.id, pocs.ownerId))
    .where(and(or(ownOrAdmin, granted), opts.onlyTenantId ? eq(pocs.tenantId, opts.onlyTenantId) : undefined))
    .orderBy(desc(pocs.updatedAt), desc(pocs.id));
}

type ChildTask = Pick<Task, "id" | "groupId" | "title" | "status" | "assigneeId" | "dueDate" | "position">;
type ChildComment = Pick<Comment, "id" | "parentId" | "authorUserId" | "guestName" | "body" | "createdAt">;
type PocChildren = {
  groups: Pick<TaskGroup, "id" | "name" | "position">[];
  taskRows: { task: ChildTask; assigneeName: string | null }[];
  criteria: Pick<SuccessCriterion, "id" | "description" | "status" | "position">[];
  commentRows: { comment: ChildComment; authorName: string | null }[];
};

/**
 * A POC's children as one JSON column, in the order the detail view shows them. Keys are the
 * camelCase fields of the drizzle rows, so the same serializers read them; json_agg renders
 * timestamps as ISO text, turned back into Dates by findPocDetailWithAccessFacts.
 */
const pocChildrenColumn = sql<Omit<PocChildren, "commentRows"> & { commentRows: { comment: Omit<ChildComment, "createdAt"> & { createdAt: string }; authorName: string | null }[] }>`json_build_object(
  'groups', (select coalesce(json_agg(json_build_object('id', tg.id, 'name', tg.name, 'position', tg.position)
      order by tg.position, tg.created_at), '[]'::json)
    from task_groups tg where tg.poc_id = ${pocs.id}),
  'taskRows', (select coalesce(json_agg(json_build_object(
      'task', json_build_object('id', t.id, 'groupId', t.group_id, 'title', t.title, 'status', t.status, 'assigneeId', t.assignee_id, 'dueDate', t.due_date, 'position', t.position),
      'assigneeName', a.name) order by t.position, t.created_at), '[]'::json)
    from tasks t left join users a on a.id = t.assignee_id where t.poc_id = ${pocs.id}),
  'criteria', (select coalesce(json_agg(json_build_object('id', sc.id, 'description', sc.description, 'status', sc.status, 'position', sc.position)
      order by sc.position, sc.created_at), '[]'::json)
    from success_criteria sc where sc.poc_id = ${pocs.id}),
  'commentRows', (select coalesce(json_agg(json_build_object(
      'comment', json_build_object('id', c.id, 'parentId', c.parent_id, 'authorUserId', c.author_user_id, 'guestName', c.guest_name, 'body', c.body, 'createdAt', c.created_at),
      'authorName', au.name) order by c.created_at, c.id), '[]'::json)
    from comments c left join users au on au.id = c.author_user_id where c.poc_id = ${pocs.id})
)`;

/**
 * The POC, the access facts and every child in one round trip (the detail view and the API's
 * GET /pocs/{id}). Children are read whatever the access; the service drops them unless the
 * caller may view the POC.
 */
export async function findPocDetailWithAccessFacts(pocId: string, userId: string) {
  const [row] = await getDb()
    .select({ ...summaryColumns, ...accessFactColumns(userId), children: pocChildrenColumn })
    .from(pocs)
    .innerJoin(owner, eq(owner.id, pocs.ownerId))
    .where(eq(pocs.id, pocId));
  if (!row) return null;
  const { children, ...rest } = row;
  const commentRows = children.commentRows.map((r) => ({ ...r, comment: { ...r.comment, createdAt: new Date(r.comment.createdAt) } }));
  return { ...rest, children: { ...children, commentRows } satisfies PocChildren };
}

export async function insertPoc(values: NewPoc) {
  const [row] = await getDb().insert(pocs).values(values).returning({ id: pocs.id });
  return row!.id;
}

export async function updatePoc(pocId: string, values: Partial<NewPoc>) {
  await getDb().update(pocs).set({ ...values, updatedAt: new Date() }).where(eq(pocs.id, pocId));
}

export async function deletePoc(pocId: string) {
  await getDb().delete(pocs).where(eq(pocs.id, pocId));
}

const touchPoc = (pocId: string) => getDb().update(pocs).set({ updatedAt: new Date() }).where(eq(pocs.id, pocId));

async function nextPosition(table: typeof taskGroups | typeof tasks | typeof successCriteria, pocId: string) {
  const [row] = await getDb()
    .select({ next: sql<number>`coalesce(max(${table.position}) + 1, 0)::int` })
    .from(table)
    .where(eq(table.pocId, pocId));
  return row?.next ?? 0;
}

export async function insertTaskGroup(pocId: string, name: string) {
  const position = await nextPosition(taskGroups, pocId);
  const [row] = await getDb().insert(taskGroups).values({ pocId, name, position }).returning();
  await touchPoc(pocId);
  return row!;
}

export async function updateTaskGroup(pocId: string, groupId: string, name: string) {
  const rows = await getDb()
    .update(taskGroups)
    .set({ name })
    .where(and(eq(taskGroups.id, groupId), eq(taskGroups.pocId, pocId)))
    .returning();
  if (rows.length) await touchPoc(pocId);
  return rows[0] ?? null;
}

export async function deleteTaskGroup(pocId: string, groupId: string) {
  const rows = await getDb()
    .delete(taskGroups)
    .where(and(eq(taskGroups.id, groupId), eq(taskGroups.pocId, pocId)))
    .returning({ id: taskGroups.id });
  if (rows.length) await touchPoc(pocId);
  return rows.length > 0;
}

export async function groupBelongsToPoc(pocId: string, groupId: string) {
  const rows = await getDb()
    .select({ id: taskGroups.id })
    .from(taskGroups)
    .where(and(eq(taskGroups.id, groupId), eq(taskGroups.pocId, pocId)));
  return rows.length > 0;
}

type TaskValues = { groupId?: string; title?: string; status?: (typeof tasks.$inferInsert)["status"]; assigneeId?: string | null; dueDate?: string | null };

export async function insertTask(pocId: string, values: Required<Pick<TaskValues, "groupId" | "title">> & TaskValues) {
  const position = await nextPosition(tasks, pocId);
  const [row] = await getDb()
    .insert(tasks)
    .values({ pocId, position, ...values, groupId: values.groupId, title: values.title })
    .returning({ id: tasks.id });
  await touchPoc(pocId);
  return row!.id;
}

export async function updateTask(pocId: string, taskId: string, values: TaskValues) {
  const rows = await getDb()
    .update(tasks)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(tasks.id, taskId), eq(tasks.pocId, pocId)))
    .returning({ id: tasks.id });
  if (rows.length) await touchPoc(pocId);
  return rows.length > 0;
}

export async function deleteTask(pocId: string, taskId: string) {
  const rows = await getDb().delete(tasks).where(and(eq(tasks.id, taskId), eq(tasks.pocId, pocId))).returning({ id: tasks.id });
  if (rows.length) await touchPoc(pocId);
  return rows.length > 0;
}

export async function insertCriterion(pocId: string, values: { description: string; status: (typeof successCriteria.$inferInsert)["status"] }) {
  const position = await nextPosition(successCriteria, pocId);
  const [row] = await getDb().insert(successCriteria).values({ pocId, position, ...values }).returning();
  await touchPoc(pocId);
  return row!;
}

export async function updateCriterion(pocId: string, criterionId: string, values: Partial<typeof successCriteria.$inferInsert>) {
  const rows = await getDb()
    .update(successCriteria)
    .set(values)
    .where(and(eq(successCriteria.id, criterionId), eq(successCriteria.pocId, pocId)))
    .returning();
  if (rows.length) await touchPoc(pocId);
  return rows[0] ?? null;
}

export async function deleteCriterion(pocId: string, criterionId: string) {
  const rows = await getDb()
    .delete(successCriteria)
    .where(and(eq(successCriteria.id, criterionId), eq(successCriteria.pocId, pocId)))
    .returning({ id: successCriteria.id });
  if (rows.length) await touchPoc(pocId);
  return rows.length > 0;
}

export async function commentBelongsToPoc(pocId: string, commentId: string) {
  const rows = await getDb()
    .select({ id: comments.id })
    .from(comments)
    .where(and(eq(comments.id, commentId), eq(comments.pocId, pocId)));
  return rows.length > 0;
}

export async function insertComment(values: typeof comments.$inferInsert) {
  const [row] = await getDb().insert(comments).values(values).returning({ id: comments.id });
  return row!.id;
}
