/**
 * zod schemas of the POC area: request bodies (shared by forms, server actions and route
 * handlers) and responses (the OpenAPI document is generated from these). snake_case JSON.
 */
import { z } from "zod";
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

export const TaskGroupInput = z.strictObject({ name: text(200, { min: 1, required: "Name is required" }) });
export type TaskGroupInput = z.infer<typeof TaskGroupInput>;

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
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Send at least one field to change" });
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
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Send at least one field to change" });
export type UpdateCriterionInput = z.infer<typeof UpdateCriterionInput>;

export const CreateCommentInput = z.strictObject({
  body: text(5000, { min: 1, required: "Write something first", multiline: true }),
  parent_id: Id.nullable().optional(),
});
export type CreateCommentInput = z.infer<typeof CreateCommentInput>;

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
  author: z.object({ name: z.string(), kind: z.enum(["user", "guest"]) }),
  body: z.string(),
  created_at: timestamp,
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

export const PocList = z.object({ data: z.array(PocSummary) });
