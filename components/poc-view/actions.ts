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

export type PocActions = {
  deletePoc: (pocId: string) => Result;
  addTaskGroup: (pocId: string, input: { name: string }) => Result;
  renameTaskGroup: (pocId: string, groupId: string, input: { name: string }) => Result;
  deleteTaskGroup: (pocId: string, groupId: string) => Result;
  addTask: (pocId: string, input: NewTaskValues) => Result;
  updateTask: (pocId: string, taskId: string, input: { status: TaskStatusValue }) => Result;
  deleteTask: (pocId: string, taskId: string) => Result;
  addCriterion: (pocId: string, input: { description: string }) => Result;
  updateCriterion: (pocId: string, criterionId: string, input: { status: CriterionStatusValue }) => Result;
  deleteCriterion: (pocId: string, criterionId: string) => Result;
  addComment: (pocId: string, input: { body: string; parent_id: string | null }) => Result;
};
