/**
 * The POC area's service: every read and write of POCs and their parts goes through here,
 * for session users and API tokens alike, and every function checks access itself.
 */
import type { GrantAction } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { AppError, forbidden, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { transaction } from "@/lib/db/repo";
import { logShareView } from "@/lib/sharing/access-log";
import { can, canCreatePoc, evaluateAccess, grantsCreditedWithView, type Access } from "@/lib/sharing/policy";
import { areTenantMembersOf, listTenantMembers } from "@/lib/tenants/service";
import * as repo from "./repo";
import type {
  CreateCommentInput,
  CreateCriterionInput,
  CreatePocInput,
  CreateTaskInput,
  PocDetail,
  PocList,
  PocListQuery,
  PocSummary,
  TaskGroupInput,
  UpdateCriterionInput,
  UpdateCommentInput,
  UpdatePocInput,
  UpdateTaskGroupInput,
  UpdateTaskInput,
} from "./schemas";
import { POC_PAGE_SIZE, pocListCursor, type PocCursorKeys } from "./schemas";
import { commentJson, criterionJson, pocSummaryJson, taskGroupsJson, taskJson } from "./serialize";
import { storedUserAgent } from "@/lib/activity/user-agent";
import type { GrantRow } from "@/lib/sharing/repo";

export type PocAccess = { row: repo.PocRow; access: Access };

/**
 * Loads a POC and the caller's access to it. Without view it does not exist for the caller
 * (404, never 403, so ids of other tenants reveal nothing); without `action` it is 403.
 */
export async function requirePocAccess(actor: Actor, pocId: string, action?: GrantAction | "manage"): Promise<PocAccess> {
  return requireAccess(await loadPocAccess(actor, pocId), action);
}

/** The grant (and its row version) and its POC with the caller's access to it, in one query; null when there is no such grant. */
export async function loadGrantWithPocAccess(actor: Actor, grantId: string): Promise<{ grant: GrantRow; grantVersion: string; poc: PocAccess } | null> {
  const found = await repo.findGrantWithPocAccessFacts(grantId, actor.userId);
  return found && { grant: found.grant, grantVersion: found.grantVersion, poc: { row: found.poc, access: evaluateAccess(accessFactsOf(actor, found.poc)) } };
}

export function requireAccess<R extends repo.PocRow>(loaded: { row: R; access: Access } | null, action?: GrantAction | "manage"): { row: R; access: Access } {
  if (!loaded) throw notFound("POC");
  const { access } = loaded;
  if (!can(access, "view")) throw notFound("POC");
  if (action === "manage" && !access.manage) throw forbidden("Only a tenant admin or the POC's owner can do this");
  if (action && action !== "manage" && !can(access, action)) throw forbidden(`You need the "${action}" permission on this POC`);
  return loaded;
}

/** The POC and the caller's access to it, or null when there is no such POC. */
export async function loadPocAccess(actor: Actor, pocId: string): Promise<PocAccess | null> {
  const row = await repo.findPocWithAccessFacts(pocId, actor.userId);
  if (!row) return null;
  return { row, access: evaluateAccess(accessFactsOf(actor, row)) };
}

export const accessFactsOf = (actor: Actor, row: repo.PocRow) => ({
  subject: { tenantId: row.poc.tenantId, ownerId: row.poc.ownerId },
  viewer: {
    userId: actor.userId,
    roleInSubjectTenant: row.viewerRole,
    deactivatedInSubjectTenant: row.viewerDeactivated,
    tokenTenantId: actor.via.kind === "api_token" ? actor.tenantId : null,
  },
  grantedActions: row.grantedActions,
  grantWatermark: row.grantWatermark,
});

const listViewer = (actor: Actor): repo.ListViewer => ({
  userId: actor.userId,
  tenantId: actor.tenantId,
  isAdmin: actor.role === "tenant_admin",
  onlyTenantId: actor.via.kind === "api_token" ? actor.tenantId : null,
});

/**
 * One page of the POCs the caller may see (/pocs and GET /api/v1/pocs), with an opaque cursor
 * to the next page and how many rows came before this one (`offset`, for the page's "51–100";
 * the API leaves it out). A cursor from another sort, or not from this API, is a 422 on `cursor`.
 */
export async function listPocs(actor: Actor, query: PocListQuery = { sort: "updated" }): Promise<PocList & { offset: number }> {
  const after = query.cursor ? pocListCursor.decodeOrThrow(query.cursor) : undefined;
  if (after && after.s !== query.sort) throw new AppError("request/invalid", "The request has invalid fields", { fields: [{ field: "cursor", message: "This cursor belongs to another sort" }] });
  const limit = query.limit ?? POC_PAGE_SIZE;
  const offset = after?.n ?? 0;
  const rows = await repo.listVisiblePocs(listViewer(actor), { q: query.q || undefined, status: query.status, ownerId: query.owner, sort: query.sort }, { after, limit });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map((row) => ({ ...pocSummaryJson(row), progress: row.progress })),
    next: rows.length > limit && last ? pocListCursor.encode(cursorKeysOf(query.sort, last, offset + page.length)) : null,
    offset,
  };
}

type CursorRow = { poc: { id: string }; cursorUpdated: string; cursorDue: string; cursorTitle: string };
function cursorKeysOf(sort: PocListQuery["sort"], row: CursorRow, n: number): PocCursorKeys {
  const i = row.poc.id;
  if (sort === "updated") return { s: sort, u: row.cursorUpdated, i, n };
  if (sort === "due") return { s: sort, d: row.cursorDue, u: row.cursorUpdated, i, n };
  return { s: sort, t: row.cursorTitle, i, n };
}

/**
 * Who owns the POCs the caller may see, A–Z: the list's Owner filter. Not every member: a
 * tenant of 500 people would put 500 options (twice: HTML and payload) on every list page.
 */
export async function listPocOwners(actor: Actor): Promise<{ id: string; name: string }[]> {
  return repo.listVisiblePocOwners(listViewer(actor));
}

/** Every POC the caller may see, id and title, A–Z: for pickers (the audit log's POC filter). */
export async function listPocTitles(actor: Actor): Promise<{ id: string; title: string }[]> {
  return repo.listVisiblePocTitles(listViewer(actor));
}

/**
 * The POC's summary and the caller's permissions, without its children: one query. Pages use
 * it as a cheap visibility check before they start streaming, so a hidden POC is a real 404.
 */
const permissionsJson = (access: Access) => ({ actions: [...access.actions], manage: access.manage, watermark: access.watermark });

export async function getPocSummary(actor: Actor, pocId: string): Promise<PocSummary & Pick<PocDetail, "permissions">> {
  const { row, access } = await requirePocAccess(actor, pocId);
  return { ...pocSummaryJson(row), permissions: permissionsJson(access) };
}

/** The POC with its children, as the caller may see it (services read it back after changes). */
export async function getPoc(actor: Actor, pocId: string): Promise<PocDetail> {
  return (await readPoc(actor, pocId)).detail;
}

/**
 * A member's view of the POC (its page, GET /api/v1/pocs/{id}): getPoc, plus one access-log
 * row for each grant the view came through, with the member's identity. The rows go into the
 * access log's batch (one multi-row INSERT for them all, never on the request's path); views by
 * tenant admins and the owner are credited to no grant (policy.grantsCreditedWithView).
 */
export async function viewPoc(actor: Actor, pocId: string, client: { userAgent: string | null }): Promise<PocDetail> {
  const { detail, row, access } = await readPoc(actor, pocId);
  const userAgent = storedUserAgent(client.userAgent);
  logShareView(...grantsCreditedWithView(access, row.grantIds).map((grantId) => ({ grantId, viewerUserId: actor.userId, viewerEmail: actor.email, ip: actor.ip, userAgent })));
  return detail;
}

async function readPoc(actor: Actor, pocId: string) {
  // One round trip: the access facts and the children come back together (the benchmark's route 4).
  const loaded = await repo.findPocDetailWithAccessFacts(pocId, actor.userId);
  const { row, access } = requireAccess(loaded && { row: loaded, access: evaluateAccess(accessFactsOf(actor, loaded)) });
  return { row, access, detail: pocDetailJson(row, access) };
}

function pocDetailJson(row: repo.PocDetailRow, access: Access): PocDetail {
  const { children } = row;
  return {
    ...pocSummaryJson(row),
    description: row.poc.description,
    objectives: row.poc.objectives,
    task_groups: taskGroupsJson(children.groups, children.taskRows),
    success_criteria: children.criteria.map(criterionJson),
    comments: children.commentRows.filter((r) => !r.comment.internal || isInsider(row)).map((r) => commentJson(r.comment, r.authorName)),
    permissions: permissionsJson(access),
  };
}

export async function createPoc(actor: Actor, input: CreatePocInput): Promise<PocDetail> {
  if (!actor.tenantId || !canCreatePoc(actor.role)) throw forbidden("Only tenant admins and members can create POCs");
  const id = await repo.insertPoc({
    tenantId: actor.tenantId,
    ownerId: actor.userId,
    title: input.title,
    description: input.description,
    customer: input.customer,
    objectives: input.objectives,
    status: input.status,
    startDate: input.start_date ?? null,
    endDate: input.end_date ?? null,
  });
  return getPoc(actor, id);
}

export async function updatePoc(actor: Actor, pocId: string, input: UpdatePocInput): Promise<PocDetail> {
  const { row } = await requirePocAccess(actor, pocId, "edit");
  const start = input.start_date === undefined ? row.poc.startDate : input.start_date;
  const end = input.end_date === undefined ? row.poc.endDate : input.end_date;
  if (start && end && start > end) {
    throw new AppError("request/invalid", "The request has invalid fields", {
      fields: [{ field: "end_date", message: "End date must be on or after the start date" }],
    });
  }
  await repo.updatePoc(pocId, {
    title: input.title,
    description: input.description,
    customer: input.customer,
    objectives: input.objectives,
    status: input.status,
    startDate: input.start_date,
    endDate: input.end_date,
  });
  return getPoc(actor, pocId);
}

export async function deletePoc(actor: Actor, pocId: string): Promise<void> {
  await requirePocAccess(actor, pocId, "manage");
  await repo.deletePoc(pocId);
}

export async function addTaskGroup(actor: Actor, pocId: string, input: TaskGroupInput) {
  await requirePocAccess(actor, pocId, "edit");
  const group = await repo.insertTaskGroup(pocId, input.name);
  return { id: group.id, name: group.name, position: group.position, tasks: [] };
}

/** Renames and/or moves a group among the POC's groups. Answers with the POC's groups in their new order. */
export async function updateTaskGroup(actor: Actor, pocId: string, groupId: string, input: UpdateTaskGroupInput) {
  await requirePocAccess(actor, pocId, "edit");
  if (!(await repo.updateTaskGroup(pocId, groupId, input))) throw notFound("Task group");
  const group = (await getPoc(actor, pocId)).task_groups.find((g) => g.id === groupId)!;
  return { id: group.id, name: group.name, position: group.position };
}

export async function deleteTaskGroup(actor: Actor, pocId: string, groupId: string) {
  await requirePocAccess(actor, pocId, "edit");
  if (!(await repo.deleteTaskGroup(pocId, groupId))) throw notFound("Task group");
}

/** An assignee must belong to the POC's tenant; a group must belong to the POC. */
async function checkTaskReferences(row: repo.PocRow, input: { group_id?: string; assignee_id?: string | null }) {
  const fields = [];
  if (input.group_id && !(await repo.groupBelongsToPoc(row.poc.id, input.group_id))) {
    fields.push({ field: "group_id", message: "No such task group in this POC" });
  }
  if (input.assignee_id && !(await areTenantMembersOf(row.poc.tenantId, [input.assignee_id]))) {
    fields.push({ field: "assignee_id", message: "The assignee must be a member of the POC's tenant" });
  }
  if (fields.length) throw new AppError("request/invalid", "The request has invalid fields", { fields });
}

export async function addTask(actor: Actor, pocId: string, input: CreateTaskInput) {
  const { row } = await requirePocAccess(actor, pocId, "edit");
  await checkTaskReferences(row, input);
  const id = await repo.insertTask(pocId, {
    groupId: input.group_id,
    title: input.title,
    status: input.status,
    assigneeId: input.assignee_id ?? null,
    dueDate: input.due_date ?? null,
  });
  return findTask(actor, pocId, id);
}

async function findTask(actor: Actor, pocId: string, taskId: string) {
  const detail = await getPoc(actor, pocId);
  const task = detail.task_groups.flatMap((g) => g.tasks).find((t) => t.id === taskId);
  if (!task) throw notFound("Task");
  return task;
}

export async function updateTask(actor: Actor, pocId: string, taskId: string, input: UpdateTaskInput) {
  const { row } = await requirePocAccess(actor, pocId, "edit");
  await checkTaskReferences(row, input);
  const updated = await repo.updateTask(pocId, taskId, {
    groupId: input.group_id,
    title: input.title,
    status: input.status,
    assigneeId: input.assignee_id,
    dueDate: input.due_date,
    position: input.position,
  });
  if (!updated) throw notFound("Task");
  return taskJson(updated.task, updated.assigneeName);
}

export async function deleteTask(actor: Actor, pocId: string, taskId: string) {
  await requirePocAccess(actor, pocId, "edit");
  if (!(await repo.deleteTask(pocId, taskId))) throw notFound("Task");
}

export async function addCriterion(actor: Actor, pocId: string, input: CreateCriterionInput) {
  await requirePocAccess(actor, pocId, "edit");
  return criterionJson(await repo.insertCriterion(pocId, input));
}

export async function updateCriterion(actor: Actor, pocId: string, criterionId: string, input: UpdateCriterionInput) {
  await requirePocAccess(actor, pocId, "edit");
  const row = await repo.updateCriterion(pocId, criterionId, input);
  if (!row) throw notFound("Success criterion");
  return criterionJson(row);
}

export async function deleteCriterion(actor: Actor, pocId: string, criterionId: string) {
  await requirePocAccess(actor, pocId, "edit");
  if (!(await repo.deleteCriterion(pocId, criterionId))) throw notFound("Success criterion");
}

/** People of the POC's own tenant; only they see (and write) internal comments. */
const isInsider = (row: repo.PocRow) => row.viewerRole !== null;

const invalidField = (field: string, message: string) => new AppError("request/invalid", "The request has invalid fields", { fields: [{ field, message }] });

/** A comment the caller can see: internal ones do not exist for people outside the tenant. */
async function visibleComment(row: repo.PocRow, commentId: string) {
  const comment = await repo.findComment(row.poc.id, commentId);
  return comment && (!comment.internal || isInsider(row)) ? comment : null;
}

async function findComment(actor: Actor, pocId: string, commentId: string) {
  const comment = (await getPoc(actor, pocId)).comments.find((c) => c.id === commentId);
  if (!comment) throw notFound("Comment");
  return comment;
}

export async function addComment(actor: Actor, pocId: string, input: CreateCommentInput) {
  const { row } = await requirePocAccess(actor, pocId, "comment");
  if (input.internal && !isInsider(row)) throw forbidden("Only people of the POC's organisation can write internal comments");
  let internal = input.internal ?? false;
  if (input.parent_id) {
    const parent = await visibleComment(row, input.parent_id);
    if (!parent) throw invalidField("parent_id", "No such comment in this POC");
    if (parent.deletedAt) throw invalidField("parent_id", "That comment was removed; reply to another one");
    // A reply stays inside its thread's audience.
    internal ||= parent.internal;
  }
  const id = await repo.insertComment({ pocId, parentId: input.parent_id ?? null, authorUserId: actor.userId, body: input.body, internal });
  return findComment(actor, pocId, id);
}

/** Authors edit their own comments while they may still comment on the POC. */
export async function updateComment(actor: Actor, pocId: string, commentId: string, input: UpdateCommentInput) {
  const { row } = await requirePocAccess(actor, pocId, "comment");
  const comment = await visibleComment(row, commentId);
  if (!comment || comment.deletedAt) throw notFound("Comment");
  if (comment.authorUserId !== actor.userId || comment.guestName) throw forbidden("You can edit only your own comments");
  await repo.updateCommentBody(pocId, commentId, input.body);
  return findComment(actor, pocId, commentId);
}

/**
 * Authors delete their own comments; the POC's owner and tenant admins delete any, a guest's
 * included. Soft delete (replies keep their place), audited, idempotent.
 */
export async function deleteComment(actor: Actor, pocId: string, commentId: string): Promise<void> {
  const { row, access } = await requirePocAccess(actor, pocId);
  const comment = await visibleComment(row, commentId);
  if (!comment) throw notFound("Comment");
  const own = comment.authorUserId === actor.userId && !comment.guestName;
  if (!(own ? can(access, "comment") : access.manage)) throw forbidden("Only the author, the POC's owner or a tenant admin can delete this comment");
  if (comment.deletedAt) return;
  await transaction(async (tx) => {
    await repo.softDeleteComment(tx, pocId, commentId, actor.userId);
    await recordAudit(tx, actor, {
      tenantId: row.poc.tenantId,
      action: "comment.deleted",
      subjectType: "poc",
      subjectId: pocId,
      payload: { comment_id: commentId, author_kind: comment.guestName ? "guest" : "user", author_user_id: comment.authorUserId, by_author: own, internal: comment.internal },
    });
  });
}

/** People a task can be assigned to: active members of the POC's tenant. */
export async function listAssignees(actor: Actor, pocId: string) {
  const { row } = await requirePocAccess(actor, pocId, "edit");
  const members = await listTenantMembers(row.poc.tenantId);
  return members.filter((m) => m.active).map((m) => ({ id: m.id, name: m.name }));
}
