/**
 * zod schemas of the sharing area (grant API, public-link API, public POC view). Pure.
 */
import { z } from "zod";
import { criterionStatus, grantAction, pocStatus, taskStatus } from "@/db/schema";

export const GrantAction = z.enum(grantAction.enumValues);
/** Rule 4: anonymous principals (links, embeds) never get edit or share. */
export const ANONYMOUS_ACTIONS = ["view", "download", "comment"] as const;

export const Actions = z
  .array(GrantAction)
  .min(1, "Give at least the view action")
  .refine((a) => a.includes("view"), "Actions must include view")
  .transform((a) => GrantAction.options.filter((action) => a.includes(action)));

export const GrantParams = z.object({ grant_id: z.uuid() });
export const SubjectQuery = z.strictObject({ subject_type: z.literal("poc"), subject_id: z.uuid() });

export const CreateGrantInput = z
  .strictObject({
    subject_type: z.literal("poc"),
    subject_id: z.uuid(),
    principal_type: z.enum(["link"]),
    actions: Actions.default(["view"]),
  })
  .superRefine((v, ctx) => {
    const extra = v.actions.filter((a) => !(ANONYMOUS_ACTIONS as readonly string[]).includes(a));
    if (v.principal_type === "link" && extra.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["actions"],
        message: `Public links can carry only ${ANONYMOUS_ACTIONS.join(", ")}; ${extra.join(" and ")} need a signed-in principal`,
      });
    }
  });
export type CreateGrantInput = z.infer<typeof CreateGrantInput>;

const timestamp = z.iso.datetime({ offset: true });
const CreatedBy = z.object({ kind: z.enum(["user", "api_token"]), id: z.uuid(), name: z.string() }).nullable();

export const GrantJson = z.object({
  id: z.uuid(),
  subject_type: z.literal("poc"),
  subject_id: z.uuid(),
  principal_type: z.enum(["user", "team", "role", "link", "embed"]),
  actions: z.array(GrantAction),
  watermark: z.boolean(),
  expires_at: timestamp.nullable(),
  has_password: z.boolean(),
  state: z.enum(["active", "expired", "revoked"]),
  link_url: z.string().nullable().describe("Public links only: the URL to hand out (only tenant admins see it)"),
  created_at: timestamp,
  created_by: CreatedBy,
  updated_at: timestamp,
  revoked_at: timestamp.nullable(),
});
export type GrantJson = z.infer<typeof GrantJson>;
export const GrantList = z.object({ data: z.array(GrantJson) });

export const PublicLinkJson = z.object({
  id: z.uuid(),
  poc_id: z.uuid(),
  access_token: z.string(),
  access_url: z.string(),
  created_at: timestamp,
  created_by: CreatedBy,
});
export type PublicLinkJson = z.infer<typeof PublicLinkJson>;

/** The allowlist of what an anonymous viewer sees: no ids, emails, tenant or grant data. */
export const PublicPocView = z.object({
  title: z.string(),
  description: z.string(),
  customer: z.string(),
  objectives: z.string(),
  status: z.enum(pocStatus.enumValues),
  start_date: z.string().nullable(),
  end_date: z.string().nullable(),
  task_groups: z.array(
    z.object({
      name: z.string(),
      tasks: z.array(z.object({ title: z.string(), status: z.enum(taskStatus.enumValues), assignee_name: z.string().nullable(), due_date: z.string().nullable() })),
    }),
  ),
  success_criteria: z.array(z.object({ description: z.string(), status: z.enum(criterionStatus.enumValues) })),
  actions: z.array(GrantAction),
});
export type PublicPocView = z.infer<typeof PublicPocView>;

/** Tokens are 43 base64url characters; anything else can be refused without a lookup. */
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
