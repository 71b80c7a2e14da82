import { and, asc, desc, eq, ilike, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import {
  comments,
  pocs,
  sharingGrants,
  successCriteria,
  taskGroups,
  tasks,
  users,
  type Comment,
  type GrantAction,
  type NewPoc,
  type Poc,
  type SuccessCriterion,
  type Task,
  type TaskGroup,
  type TenantRole,
} from "@/db/schema";
import { preparedPerDb, transaction, type Executor } from "@/lib/db/repo";
import type { PocCursorKeys } from "@/lib/pocs/schemas";
import { liveGrantMatchingUser, pocIdsGrantedToUser, selectGrants, type GrantRow } from "@/lib/sharing/repo";

const owner = alias(users, "owner");
const summaryColumns = { poc: pocs, ownerName: owner.name };

/**
 * What the access policy needs about this user and the POC, as columns of the POC's query.
 * The live grants matching the user are scanned once, for their actions, watermark and ids
 * together (the ids credit a member's view to the grants it came through).
 */
const userParam = sql.placeholder("userId");
type GrantFacts = { actions: GrantAction[] | null; watermark: boolean | null; grant_ids: string[] | null };
const accessFactColumns = {
  viewerRole: sql<TenantRole | null>`(select m.role from memberships m where m.tenant_id = ${pocs.tenantId} and m.user_id = ${userParam} and m.active)`,
  viewerDeactivated: sql<boolean>`exists (select 1 from memberships m where m.tenant_id = ${pocs.tenantId} and m.user_id = ${userParam} and not m.active)`,
  grantFacts: sql<GrantFacts>`(
    select json_build_object('actions', array_agg(distinct a.action::text) filter (where a.action is not null), 'watermark', bool_or(g.watermark), 'grant_ids', array_agg(distinct g.id))
    from sharing_grants g left join lateral unnest(g.actions) a(action) on true
    where ${liveGrantMatchingUser(userParam, pocs.id, pocs.tenantId)})`,
};

/** The access facts as the policy reads them (no matching grant: no actions, no watermark, no ids). */
function withAccessFacts<R extends { grantFacts: GrantFacts }>(row: R) {
  const { grantFacts, ...rest } = row;
  return { ...rest, grantedActions: grantFacts.actions ?? [], grantWatermark: grantFacts.watermark ?? false, grantIds: grantFacts.grant_ids ?? [] };
}

/** Prepared (see preparedPerDb): every request on a POC starts with one of these two. */
const pocWithAccessFacts = preparedPerDb((db) =>
  db
    .select({ ...summaryColumns, ...accessFactColumns })
    .from(pocs)
    .innerJoin(owner, eq(owner.id, pocs.ownerId))
    .where(eq(pocs.id, sql.placeholder("pocId")))
    .prepare("poc_with_access_facts"),
);

/**
 * A grant with its names, and its POC with the access facts: managing a grant starts with one
 * of these. `grantVersion` (the row version's xmin) lets a write apply only to the grant as read.
 */
const grantWithPocAccessFacts = preparedPerDb((db) =>
  selectGrants(db, { ...summaryColumns, ...accessFactColumns, grantVersion: sql<string>`${sharingGrants}.xmin::text` })
    .innerJoin(pocs, eq(pocs.id, sharingGrants.subjectId))
    .innerJoin(owner, eq(owner.id, pocs.ownerId))
    .where(eq(sharingGrants.id, sql.placeholder("grantId")))
    .prepare("grant_with_poc_access_facts"),
);

export async function findGrantWithPocAccessFacts(grantId: string, userId: string): Promise<{ grant: GrantRow; grantVersion: string; poc: PocRow } | null> {
  const [found] = await grantWithPocAccessFacts().execute({ grantId, userId });
  if (!found) return null;
  const { grant, creatorName, principalName, principalEmail, grantVersion, ...poc } = found;
  return { grant: { grant, creatorName, principalName, principalEmail }, grantVersion, poc: withAccessFacts(poc) };
}

/** The POC with everything the access policy needs about this user, in one query. */
export async function findPocWithAccessFacts(pocId: string, userId: string) {
  const [row] = await pocWithAccessFacts().execute({ pocId, userId });
  return row ? withAccessFacts(row) : null;
}

export type PocRow = NonNullable<Awaited<ReturnType<typeof findPocWithAccessFacts>>>;

export type PocFilters = { q?: string; status?: Poc["status"]; ownerId?: string; sort: "updated" | "due" | "title" };
/** Where the previous page ended (see PocCursorKeys), and how many rows to read. */
export type PocPage = { after?: PocCursorKeys; limit: number };

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The three orders, each a keyset over indexed columns (db/schema.ts, pocs_list_*_idx): no end
 * date sorts as 'infinity', after every date, so the due order is one ascending key too.
 */
const dueKey = sql`coalesce(${pocs.endDate}, 'infinity'::date)`;
const titleKey = sql`lower(${pocs.title})`;
const ORDER = {
  updated: [desc(pocs.updatedAt), desc(pocs.id)],
  due: [asc(dueKey), desc(pocs.updatedAt), desc(pocs.id)],
  title: [asc(titleKey), asc(pocs.id)],
} satisfies Record<PocFilters["sort"], SQL[]>;

/** Rows after the cursor, in the cursor's order (row comparisons the indexes can seek to). */
function afterCursor(c: PocCursorKeys): SQL {
  const updatedBefore = (u: string, i: string) => sql`(${pocs.updatedAt}, ${pocs.id}) < (${u}::timestamptz, ${i}::uuid)`;
  switch (c.s) {
    case "updated":
      return updatedBefore(c.u, c.i);
    case "due":
      // The first conjunct bounds the index range; the second breaks ties on the same day.
      return sql`${dueKey} >= ${c.d}::date and (${dueKey} > ${c.d}::date or ${updatedBefore(c.u, c.i)})`;
    case "title":
      return sql`(${titleKey}, ${pocs.id}) > (${c.t}, ${c.i}::uuid)`;
  }
}

/** The last row's sort keys, as the database sees them (microseconds, its own lower()). */
const cursorColumns = {
  cursorUpdated: sql<string>`to_char(${pocs.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  cursorDue: sql<string>`${dueKey}::text`,
  cursorTitle: sql<string>`${titleKey}`,
};

/** Tasks done and criteria met, counted per POC in the list's one query (indexed by (poc_id, status)). */
const progressColumn = sql<{ tasks_done: number; tasks_total: number; criteria_met: number; criteria_total: number }>`(
  select json_build_object('tasks_done', t.done, 'tasks_total', t.total, 'criteria_met', c.met, 'criteria_total', c.total)
  from (select count(*) filter (where status = 'done')::int as done, count(*)::int as total from tasks where poc_id = ${pocs.id}) t,
       (select count(*) filter (where status = 'met')::int as met, count(*)::int as total from success_criteria where poc_id = ${pocs.id}) c)`;

export type ListViewer = { userId: string; tenantId: string | null; isAdmin: boolean; onlyTenantId: string | null };

/**
 * What a user may see, as two sides: `own`, their tenant's POCs (all of them for admins, the
 * ones they own otherwise), and `granted`, POCs shared with them by a live grant in any tenant
 * unless their membership there is deactivated. The granted ids are one uncorrelated subquery:
 * checking a grant per POC row made a small tenant's list walk every other tenant's POCs with a
 * grant lookup each (the bench's 50-POC tenant, issue 17).
 */
function visibility(viewer: ListViewer): { own: SQL | undefined; granted: SQL; onlyTenant: SQL | undefined } {
  const own = viewer.tenantId ? and(eq(pocs.tenantId, viewer.tenantId), viewer.isAdmin ? undefined : eq(pocs.ownerId, viewer.userId)) : undefined;
  const granted = sql`(${pocs.id} = any(array(${pocIdsGrantedToUser(viewer.userId)}))
    and not exists (select 1 from memberships dm where dm.tenant_id = ${pocs.tenantId} and dm.user_id = ${viewer.userId} and not dm.active))`;
  return { own, granted, onlyTenant: viewer.onlyTenantId ? eq(pocs.tenantId, viewer.onlyTenantId) : undefined };
}

function visibleTo(viewer: ListViewer): SQL | undefined {
  const { own, granted, onlyTenant } = visibility(viewer);
  return and(or(own, granted), onlyTenant);
}

/**
 * One page of the POCs a user may see, searched, filtered and sorted. Reads `limit + 1` rows,
 * so the caller knows whether a next page exists. The tenant's side is read in its list index's
 * order only as far as the page reaches (a subquery with the same conditions, order and
 * limit), so the page sorts at most that many rows plus the granted ones, however large the
 * tenant: an OR of the two sides over the whole table kept the planner from that index.
 */
export async function listVisiblePocs(viewer: ListViewer, filters: PocFilters, page: PocPage) {
  const db = getDb();
  const search = filters.q ? or(ilike(pocs.title, likePattern(filters.q)), ilike(pocs.customer, likePattern(filters.q))) : undefined;
  const { own, granted, onlyTenant } = visibility(viewer);
  const conditions = and(
    search,
    filters.status ? eq(pocs.status, filters.status) : undefined,
    filters.ownerId ? eq(pocs.ownerId, filters.ownerId) : undefined,
    page.after ? afterCursor(page.after) : undefined,
  );
  // Inside the subquery `pocs` is its own FROM: the same conditions apply to its rows.
  const ownPage = own
    ? sql`${pocs.id} = any(array(${db.select({ id: pocs.id }).from(pocs).where(and(own, onlyTenant, conditions)).orderBy(...ORDER[filters.sort]).limit(page.limit + 1)}))`
    : undefined;
  // An API token's tenant bounds only the granted side (the own page is already inside it): a
  // tenant condition beside `id = any(...)` led the planner to walk the tenant's whole list index
  // per page (615 buffers at 1,128 POCs, against 103 at 50) instead of probing the primary key.
  return db
    .select({ ...summaryColumns, progress: progressColumn, ...cursorColumns })
    .from(pocs)
    .innerJoin(owner, eq(owner.id, pocs.ownerId))
    .where(and(or(ownPage, and(granted, onlyTenant)), conditions))
    .orderBy(...ORDER[filters.sort])
    .limit(page.limit + 1);
}

/** The owners of the POCs the user may see, A–Z (the list's Owner filter offers only these). */
export async function listVisiblePocOwners(viewer: ListViewer) {
  return getDb().selectDistinct({ id: owner.id, name: owner.name }).from(pocs).innerJoin(owner, eq(owner.id, pocs.ownerId)).where(visibleTo(viewer)).orderBy(owner.name, owner.id);
}

/** Every POC the user may see, id and title only, A–Z (pickers, such as the audit log's filter). */
export async function listVisiblePocTitles(viewer: ListViewer) {
  return getDb().select({ id: pocs.id, title: pocs.title }).from(pocs).where(visibleTo(viewer)).orderBy(...ORDER.title);
}

type ChildTask = Pick<Task, "id" | "groupId" | "title" | "status" | "assigneeId" | "dueDate" | "position">;
type ChildComment = Pick<Comment, "id" | "parentId" | "authorUserId" | "guestName" | "body" | "internal" | "createdAt" | "editedAt" | "deletedAt">;
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
type CommentTimes = "createdAt" | "editedAt" | "deletedAt";
type CommentJsonRow = { comment: Omit<ChildComment, CommentTimes> & { createdAt: string; editedAt: string | null; deletedAt: string | null }; authorName: string | null };
const pocChildrenColumn = sql<Omit<PocChildren, "commentRows"> & { commentRows: CommentJsonRow[] }>`json_build_object(
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
      'comment', json_build_object('id', c.id, 'parentId', c.parent_id, 'authorUserId', c.author_user_id, 'guestName', c.guest_name, 'body', c.body,
        'internal', c.internal, 'createdAt', c.created_at, 'editedAt', c.edited_at, 'deletedAt', c.deleted_at),
      'authorName', au.name) order by c.created_at, c.id), '[]'::json)
    from comments c left join users au on au.id = c.author_user_id where c.poc_id = ${pocs.id})
)`;

/**
 * The POC, the access facts and every child in one round trip (the detail view and the API's
 * GET /pocs/{id}). Children are read whatever the access; the service drops them unless the
 * caller may view the POC.
 */
const pocDetailWithAccessFacts = preparedPerDb((db) =>
  db
    .select({ ...summaryColumns, ...accessFactColumns, children: pocChildrenColumn })
    .from(pocs)
    .innerJoin(owner, eq(owner.id, pocs.ownerId))
    .where(eq(pocs.id, sql.placeholder("pocId")))
    .prepare("poc_detail_with_access_facts"),
);

export async function findPocDetailWithAccessFacts(pocId: string, userId: string) {
  const [row] = await pocDetailWithAccessFacts().execute({ pocId, userId });
  if (!row) return null;
  const { children, ...rest } = withAccessFacts(row);
  const date = (iso: string | null) => (iso === null ? null : new Date(iso));
  const commentRows = children.commentRows.map((r) => ({
    ...r,
    comment: { ...r.comment, createdAt: new Date(r.comment.createdAt), editedAt: date(r.comment.editedAt), deletedAt: date(r.comment.deletedAt) },
  }));
  return { ...rest, children: { ...children, commentRows } satisfies PocChildren };
}

export type PocDetailRow = NonNullable<Awaited<ReturnType<typeof findPocDetailWithAccessFacts>>>;

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

type Ordered = typeof taskGroups | typeof tasks | typeof successCriteria;

/**
 * Puts one row at `position` (0-based) among the siblings `scope` selects and renumbers them
 * all 0..n in one statement, so positions stay dense whatever order moves come in.
 */
async function placeAt(tx: Executor, table: Ordered, scope: SQL, id: string, position: number) {
  const siblings = await tx.select({ id: table.id }).from(table).where(and(scope, ne(table.id, id))).orderBy(asc(table.position), asc(table.createdAt));
  const order = siblings.map((s) => s.id);
  order.splice(Math.min(position, order.length), 0, id);
  const values = sql.join(order.map((rowId, i) => sql`(${rowId}::uuid, ${i}::int)`), sql`, `);
  await tx.execute(sql`update ${table} set position = v.pos from (values ${values}) as v(id, pos) where ${table.id} = v.id and ${table.position} is distinct from v.pos`);
}

export async function updateTaskGroup(pocId: string, groupId: string, values: { name?: string; position?: number }) {
  return transaction(async (tx) => {
    const where = and(eq(taskGroups.id, groupId), eq(taskGroups.pocId, pocId));
    const [found] = values.name === undefined ? await tx.select().from(taskGroups).where(where) : await tx.update(taskGroups).set({ name: values.name }).where(where).returning();
    if (!found) return null;
    if (values.position !== undefined) await placeAt(tx, taskGroups, eq(taskGroups.pocId, pocId), groupId, values.position);
    await tx.update(pocs).set({ updatedAt: new Date() }).where(eq(pocs.id, pocId));
    return found;
  });
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

const taskReturning = {
  id: tasks.id,
  groupId: tasks.groupId,
  title: tasks.title,
  status: tasks.status,
  assigneeId: tasks.assigneeId,
  dueDate: tasks.dueDate,
  position: tasks.position,
};

/**
 * Changes a task and touches its POC, and answers with the task and its assignee's name (null:
 * no such task in this POC). Without a move that is one statement (two data-modifying CTEs);
 * a move renumbers its group in a transaction first.
 */
export async function updateTask(pocId: string, taskId: string, values: TaskValues & { position?: number }) {
  const { position, ...fields } = values;
  if (position !== undefined) {
    const moved = await transaction(async (tx) => {
      const [row] = await tx
        .update(tasks)
        .set({ ...fields, updatedAt: new Date() })
        .where(and(eq(tasks.id, taskId), eq(tasks.pocId, pocId)))
        .returning({ id: tasks.id, groupId: tasks.groupId });
      if (!row) return false;
      await placeAt(tx, tasks, eq(tasks.groupId, row.groupId), taskId, position);
      return true;
    });
    if (!moved) return null;
  }
  const db = getDb();
  const changed = db.$with("changed").as(
    db.update(tasks).set({ ...fields, updatedAt: new Date() }).where(and(eq(tasks.id, taskId), eq(tasks.pocId, pocId))).returning(taskReturning),
  );
  // Runs whether or not the outer query reads it (a data-modifying CTE always completes).
  const touched = db.$with("touched").as(
    db.update(pocs).set({ updatedAt: new Date() }).where(and(eq(pocs.id, pocId), sql`exists (select 1 from ${changed})`)).returning({ id: pocs.id }),
  );
  const [row] = await db
    .with(changed, touched)
    .select({ task: { id: changed.id, groupId: changed.groupId, title: changed.title, status: changed.status, assigneeId: changed.assigneeId, dueDate: changed.dueDate, position: changed.position }, assigneeName: users.name })
    .from(changed)
    .leftJoin(users, eq(users.id, changed.assigneeId));
  return row ?? null;
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

export async function updateCriterion(pocId: string, criterionId: string, values: { description?: string; status?: SuccessCriterion["status"]; position?: number }) {
  const { position, ...fields } = values;
  return transaction(async (tx) => {
    const where = and(eq(successCriteria.id, criterionId), eq(successCriteria.pocId, pocId));
    const [found] = Object.keys(fields).length ? await tx.update(successCriteria).set(fields).where(where).returning() : await tx.select().from(successCriteria).where(where);
    if (!found) return null;
    if (position !== undefined) await placeAt(tx, successCriteria, eq(successCriteria.pocId, pocId), criterionId, position);
    await tx.update(pocs).set({ updatedAt: new Date() }).where(eq(pocs.id, pocId));
    const [row] = await tx.select().from(successCriteria).where(where);
    return row ?? null;
  });
}

export async function deleteCriterion(pocId: string, criterionId: string) {
  const rows = await getDb()
    .delete(successCriteria)
    .where(and(eq(successCriteria.id, criterionId), eq(successCriteria.pocId, pocId)))
    .returning({ id: successCriteria.id });
  if (rows.length) await touchPoc(pocId);
  return rows.length > 0;
}

/** A comment of this POC (any state), or null. */
export async function findComment(pocId: string, commentId: string) {
  const [row] = await getDb()
    .select({ id: comments.id, authorUserId: comments.authorUserId, guestName: comments.guestName, internal: comments.internal, deletedAt: comments.deletedAt })
    .from(comments)
    .where(and(eq(comments.id, commentId), eq(comments.pocId, pocId)));
  return row ?? null;
}

export async function updateCommentBody(pocId: string, commentId: string, body: string) {
  await getDb().update(comments).set({ body, editedAt: new Date() }).where(and(eq(comments.id, commentId), eq(comments.pocId, pocId)));
  await touchPoc(pocId);
}

/** Soft delete: the row stays for its replies; the text is gone. */
export async function softDeleteComment(tx: Executor, pocId: string, commentId: string, deletedBy: string) {
  await tx.update(comments).set({ body: "", deletedAt: new Date(), deletedBy }).where(and(eq(comments.id, commentId), eq(comments.pocId, pocId)));
  await tx.update(pocs).set({ updatedAt: new Date() }).where(eq(pocs.id, pocId));
}

export async function insertComment(values: typeof comments.$inferInsert) {
  const [row] = await getDb().insert(comments).values(values).returning({ id: comments.id });
  return row!.id;
}
