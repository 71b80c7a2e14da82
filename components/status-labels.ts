/** Human labels of every status, in display order (the order of the select options). */
import type { CriterionJson, PocSummary, TaskJson } from "@/lib/pocs/schemas";

export type PocStatusValue = PocSummary["status"];
export type TaskStatusValue = TaskJson["status"];
export type CriterionStatusValue = CriterionJson["status"];

export const POC_STATUS_LABELS: Record<PocStatusValue, string> = {
  draft: "Draft",
  active: "Active",
  on_hold: "On hold",
  won: "Won",
  lost: "Lost",
};

export const TASK_STATUS_LABELS: Record<TaskStatusValue, string> = {
  todo: "To do",
  in_progress: "In progress",
  blocked: "Blocked",
  done: "Done",
};

export const CRITERION_STATUS_LABELS: Record<CriterionStatusValue, string> = {
  pending: "Pending",
  met: "Met",
  not_met: "Not met",
};

export type StatusKind = "poc" | "task" | "criterion";

const LABELS: Record<StatusKind, Record<string, string>> = {
  poc: POC_STATUS_LABELS,
  task: TASK_STATUS_LABELS,
  criterion: CRITERION_STATUS_LABELS,
};

export const statusLabel = (kind: StatusKind, status: string): string => LABELS[kind][status] ?? status;

/** [value, label] pairs for a <select>. */
export const statusOptions = <S extends string>(labels: Record<S, string>): [S, string][] =>
  Object.entries(labels) as [S, string][];
