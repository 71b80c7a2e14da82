/**
 * zod schemas of the POC area: request bodies (shared by forms, server actions and route
 * handlers) and responses (the OpenAPI document is generated from these). snake_case JSON.
 */
import { z } from "zod";
import { tupleCursor } from "@/lib/api/cursor";
import { isoDate, text } from "@/lib/validation/schemas";
import { criterionStatus, pocStatus, taskStatus } from "@/db/schema";

export const PocStatus = z.enum(pocStatus.enumValues);
export const TaskStatus = z.enum(taskStatus.enumValues);
export const CriterionStatus = z.enum(criterionStatus.enumValues);

const optionalText = (max: number) => text(max, { multiline: true });

export const Id = z.uuid();
export const PocParams = z.object({ poc_id: Id });
export const PocChildParams = z.object({ poc_id: Id, child_id: Id });

const pocFields = {
  title: text(200, { min: 1, required: "Title is required" }),
  description: optionalText(5000),
  customer: text(200),
  objectives: optionalText(5000),
  status: PocStatus,
  start_date: isoDate.nullable(),
  end_date: isoDate.nullable(),
};

const datesInOrder = (value: { start_date?: string | null; end_date?: string | null }) =>
  !value.start_date || !value.end_date || value.start_date <= value.end_date;
const datesMessage = { message: "End date must be on or after the start date", path: ["end_date"] };

export const CreatePocInput = z
  .strictObject({
    title: pocFields.title,
    description: pocFields.description.default(""),
    customer: pocFields.customer.default(""),
    objectives: pocFields.objectives.default(""),
    status: pocFields.status.default("draft"),
    start_date: pocFields.start_date.optional(),
    end_date: pocFields.end_date.optional(),
  })
  .refine(datesInOrder, datesMessage);
export type CreatePocInput = z.infer<typeof CreatePocInput>;

export const UpdatePocInput = z
  .strictObject({
    title: pocFields.title.optional(),
    description: pocFields.description.optional(),
    customer: pocFields.customer.optional(),
    objectives: pocFields.objectives.optional(),
    status: pocFields.status.optional(),
    start_date: pocFields.start_date.optional(),
    end_date: pocFields.end_date.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Send at least one field to change" })
  .refine(datesInOrder, datesMessage);
export type UpdatePocInput = z.infer<typeof UpdatePocInput>;

const groupName = text(200, { min: 1, required: "Name is required" });
/** 0-based place among its siblings (a group among the POC's groups, a task in its group); past the end means last. */
const position = z.number().int("Use a whole number").min(0, "Use 0 or more").max(100_000);
const atLeastOne = { message: "Send at least one field to change" };

export const TaskGroupInput = z.strictObject({ name: groupName });
export type TaskGroupInput = z.infer<typeof TaskGroupInput>;

export const UpdateTaskGroupInput = z.strictObject({ name: groupName.optional(), position: position.optional() }).refine((v) => Object.keys(v).length > 0, atLeastOne);
export type UpdateTaskGroupInput = z.infer<typeof UpdateTaskGroupInput>;

export const CreateTaskInput = z.strictObject({
  group_id: Id,
  title: text(300, { min: 1, required: "Title is required" }),
  status: TaskStatus.default("todo"),
  assignee_id: Id.nullable().optional(),
  due_date: isoDate.nullable().optional(),
});
export type CreateTaskInput = z.infer<typeof CreateTaskInput>;

export const UpdateTaskInput = z
  .strictObject({
    group_id: Id.optional(),
    title: text(300, { min: 1, required: "Title is required" }).optional(),
    status: TaskStatus.optional(),
    assignee_id: Id.nullable().optional(),
    due_date: isoDate.nullable().optional(),
    /** Place in its group (the new one when group_id moves it). */
    position: position.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, atLeastOne);
export type UpdateTaskInput = z.infer<typeof UpdateTaskInput>;

export const CreateCriterionInput = z.strictObject({
  description: text(1000, { min: 1, required: "Description is required", multiline: true }),
  status: CriterionStatus.default("pending"),
});
export type CreateCriterionInput = z.infer<typeof CreateCriterionInput>;

export const UpdateCriterionInput = z
  .strictObject({
    description: text(1000, { min: 1, required: "Description is required", multiline: true }).optional(),
    status: CriterionStatus.optional(),
    position: position.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, atLeastOne);
export type UpdateCriterionInput = z.infer<typeof UpdateCriterionInput>;

const commentBody = text(5000, { min: 1, required: "Write something first", multiline: true });

export const CreateCommentInput = z.strictObject({
  body: commentBody,
  parent_id: Id.nullable().optional(),
  /** Only for people of the POC's tenant; a reply to an internal comment is internal too. */
  internal: z.boolean().default(false),
});
/** Input type: callers of the service may leave `internal` out. */
export type CreateCommentInput = z.input<typeof CreateCommentInput>;

export const UpdateCommentInput = z.strictObject({ body: commentBody });
export type UpdateCommentInput = z.infer<typeof UpdateCommentInput>;

export const CommentParams = z.object({ poc_id: Id, comment_id: Id });

// ---- Responses ----
const PersonRef = z.object({ id: z.uuid(), name: z.string() });
const timestamp = z.iso.datetime({ offset: true });

export const PocSummary = z.object({
  id: z.uuid(),
  tenant_id: z.uuid(),
  title: z.string(),
  customer: z.string(),
  status: PocStatus,
  start_date: isoDate.nullable(),
  end_date: isoDate.nullable(),
  owner: PersonRef,
  created_at: timestamp,
  updated_at: timestamp,
});
export type PocSummary = z.infer<typeof PocSummary>;

export const TaskJson = z.object({
  id: z.uuid(),
  group_id: z.uuid(),
  title: z.string(),
  status: TaskStatus,
  assignee: PersonRef.nullable(),
  due_date: isoDate.nullable(),
  position: z.number().int(),
});
export type TaskJson = z.infer<typeof TaskJson>;

export const TaskGroupJson = z.object({ id: z.uuid(), name: z.string(), position: z.number().int(), tasks: z.array(TaskJson) });
export type TaskGroupJson = z.infer<typeof TaskGroupJson>;

export const CriterionJson = z.object({ id: z.uuid(), description: z.string(), status: CriterionStatus, position: z.number().int() });
export type CriterionJson = z.infer<typeof CriterionJson>;

export const CommentJson = z.object({
  id: z.uuid(),
  parent_id: z.uuid().nullable(),
  author: z.object({ id: z.uuid().nullable().describe("The author's user id; null for guests"), name: z.string(), kind: z.enum(["user", "guest"]) }),
  body: z.string().describe("Empty once the comment is deleted"),
  internal: z.boolean().describe("Visible only to people of the POC's tenant"),
  created_at: timestamp,
  edited_at: timestamp.nullable(),
  deleted: z.boolean(),
});
export type CommentJson = z.infer<typeof CommentJson>;

export const PocDetail = PocSummary.extend({
  description: z.string(),
  objectives: z.string(),
  task_groups: z.array(TaskGroupJson),
  success_criteria: z.array(CriterionJson),
  comments: z.array(CommentJson),
  /** What the caller may do with this POC, so clients show exactly the allowed controls. */
  permissions: z.object({
    actions: z.array(z.enum(["view", "download", "comment", "edit", "share"])),
    manage: z.boolean(),
    watermark: z.boolean().describe("Show the viewer's own email tiled over the POC"),
  }),
});
export type PocDetail = z.infer<typeof PocDetail>;

export const PocProgress = z.object({
  tasks_done: z.number().int(),
  tasks_total: z.number().int(),
  criteria_met: z.number().int(),
  criteria_total: z.number().int(),
});
export const PocListItem = PocSummary.extend({ progress: PocProgress });
export type PocListItem = z.infer<typeof PocListItem>;
export const PocList = z.object({
  data: z.array(PocListItem),
  next: z.string().nullable().describe("Cursor of the next page: pass it back as `cursor` with the same query; null on the last page"),
});
export type PocList = z.infer<typeof PocList>;

export const POC_SORTS = ["updated", "due", "title"] as const;
export const POC_PAGE_SIZE = 50;
export const POC_PAGE_MAX = 100;
/** The POC list's search, filters, order and page: the same on /pocs?… and GET /api/v1/pocs?…. */
export const PocListQuery = z.strictObject({
  q: text(200).optional().describe("Words in the title or customer"),
  status: PocStatus.optional(),
  owner: Id.optional().describe("The owner's user id"),
  sort: z.enum(POC_SORTS).default("updated").describe("updated: recent activity first; due: nearest end date first; title: A–Z"),
  cursor: z.string().max(2000).optional().describe("The `next` value of the previous page (with the same sort)"),
  limit: z.coerce.number().int().min(1).max(POC_PAGE_MAX).optional().describe(`Page size, ${POC_PAGE_SIZE} by default`),
});
export type PocListQuery = z.infer<typeof PocListQuery>;

/**
 * Where a page ends, per sort: the last row's sort keys and id (ties broken by id). Timestamps
 * travel as the database's microsecond text, so no two rows a millisecond apart are skipped;
 * `t` is the database's own lower(title); `d` the end date, "infinity" for none.
 */
const microTimestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
/** `n`: how many rows came before the next page (only for "Showing 51–100"; never used to seek). */
const shown = z.number().int().min(0).max(1_000_000_000);
export const PocCursorKeys = z.discriminatedUnion("s", [
  z.strictObject({ s: z.literal("updated"), u: microTimestamp, i: Id, n: shown }),
  z.strictObject({ s: z.literal("due"), d: z.union([isoDate, z.literal("infinity")]), u: microTimestamp, i: Id, n: shown }),
  z.strictObject({ s: z.literal("title"), t: z.string().max(800), i: Id, n: shown }),
]);
export type PocCursorKeys = z.infer<typeof PocCursorKeys>;
export const pocListCursor = tupleCursor("pl1.", PocCursorKeys);
