/** zod schemas of access requests: the dead-link page's form, the API, and the Share dialog. */
import { z } from "zod";
import { Id } from "@/lib/pocs/schemas";
import { Actions, Email } from "@/lib/sharing/schemas";
import { text } from "@/lib/validation/schemas";

export const AccessRequestInput = z.strictObject({
  name: text(100, { min: 1, required: "Tell the owner who you are" }),
  email: Email,
  message: text(1000, { multiline: true }).default(""),
});
export type AccessRequestInput = z.input<typeof AccessRequestInput>;

export const AccessRequestParams = z.object({ poc_id: Id, request_id: Id });

export const ApproveAccessRequestInput = z.strictObject({ actions: Actions.default(["view"]) });
export type ApproveAccessRequestInput = z.input<typeof ApproveAccessRequestInput>;

export const AccessRequestJson = z.object({
  id: z.uuid(),
  poc_id: z.uuid(),
  name: z.string(),
  email: z.string(),
  message: z.string(),
  status: z.enum(["pending", "approved", "dismissed"]),
  created_at: z.iso.datetime({ offset: true }),
  decided_at: z.iso.datetime({ offset: true }).nullable(),
  decided_by: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  grant_id: z.uuid().nullable().describe("The user grant an approval created"),
});
export type AccessRequestJson = z.infer<typeof AccessRequestJson>;
export const AccessRequestList = z.object({ data: z.array(AccessRequestJson) });
