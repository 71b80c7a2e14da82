/**
 * The server actions a POC page hands to its components (the page passes the functions of
 * app/(dashboard)/pocs/[poc_id]/actions.ts, so components do not import routes).
 */
import type { CriterionStatusValue, TaskStatusValue } from "@/components/status-labels";
import type { ActionResult } from "@/lib/auth/page";

type Result = Promise<ActionResult<unknown>>;

export type NewTaskValues = {
  group_id: string;
  title: string;
  status: TaskStatusValue;
  assignee_id: string | null;
  due_date: string | null;
};

/** A task's inline edit or move; `position` is its 0-based place in its (new) group. */
export type TaskChanges = Partial<Omit<NewTaskValues, "group_id">> & { group_id?: string; position?: number };

export type PocActions = {
  deletePoc: (pocId: string) => Result;
  addTaskGroup: (pocId: string, input: { name: string }) => Result;
  updateTaskGroup: (pocId: string, groupId: string, input: { name?: string; position?: number }) => Result;
  deleteTaskGroup: (pocId: string, groupId: string) => Result;
  addTask: (pocId: string, input: NewTaskValues) => Result;
  updateTask: (pocId: string, taskId: string, input: TaskChanges) => Result;
  deleteTask: (pocId: string, taskId: string) => Result;
  addCriterion: (pocId: string, input: { description: string }) => Result;
  updateCriterion: (pocId: string, criterionId: string, input: { description?: string; status?: CriterionStatusValue; position?: number }) => Result;
  deleteCriterion: (pocId: string, criterionId: string) => Result;
  addComment: (pocId: string, input: { body: string; parent_id: string | null; internal?: boolean }) => Result;
  updateComment: (pocId: string, commentId: string, input: { body: string }) => Result;
  deleteComment: (pocId: string, commentId: string) => Result;
};
