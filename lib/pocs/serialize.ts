/** Row → snake_case JSON mappers of the POC area (the shapes of lib/pocs/schemas.ts). */
import type { Comment, SuccessCriterion, Task, TaskGroup } from "@/db/schema";
import type { PocRow } from "./repo";
import type { CommentJson, CriterionJson, PocSummary, TaskGroupJson, TaskJson } from "./schemas";

export function pocSummaryJson(row: Pick<PocRow, "poc" | "ownerName">): PocSummary {
  const p = row.poc;
  return {
    id: p.id,
    tenant_id: p.tenantId,
    title: p.title,
    customer: p.customer,
    status: p.status,
    start_date: p.startDate,
    end_date: p.endDate,
    owner: { id: p.ownerId, name: row.ownerName },
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

type TaskFields = Pick<Task, "id" | "groupId" | "title" | "status" | "assigneeId" | "dueDate" | "position">;

export function taskJson(task: TaskFields, assigneeName: string | null): TaskJson {
  return {
    id: task.id,
    group_id: task.groupId,
    title: task.title,
    status: task.status,
    assignee: task.assigneeId && assigneeName ? { id: task.assigneeId, name: assigneeName } : null,
    due_date: task.dueDate,
    position: task.position,
  };
}

export function taskGroupsJson(groups: Pick<TaskGroup, "id" | "name" | "position">[], taskRows: { task: TaskFields; assigneeName: string | null }[]): TaskGroupJson[] {
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    position: g.position,
    tasks: taskRows.filter((r) => r.task.groupId === g.id).map((r) => taskJson(r.task, r.assigneeName)),
  }));
}

export const criterionJson = (c: Pick<SuccessCriterion, "id" | "description" | "status" | "position">): CriterionJson => ({
  id: c.id,
  description: c.description,
  status: c.status,
  position: c.position,
});

type CommentFields = Pick<Comment, "id" | "parentId" | "authorUserId" | "guestName" | "body" | "internal" | "createdAt" | "editedAt" | "deletedAt">;

export function commentJson(c: CommentFields, authorName: string | null): CommentJson {
  const author = c.guestName
    ? { id: null, name: c.guestName, kind: "guest" as const }
    : { id: c.authorUserId, name: authorName ?? "Former user", kind: "user" as const };
  return {
    id: c.id,
    parent_id: c.parentId,
    author,
    body: c.deletedAt ? "" : c.body,
    internal: c.internal,
    created_at: c.createdAt.toISOString(),
    edited_at: c.editedAt?.toISOString() ?? null,
    deleted: c.deletedAt !== null,
  };
}
