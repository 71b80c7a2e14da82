/**
 * zod schemas of the sharing area (grant API, public-link API, public POC view). Pure.
 */
import { z } from "zod";
import { isoDateTime, text } from "@/lib/validation/schemas";
import { criterionStatus, grantAction, pocStatus, taskStatus } from "@/db/schema";
import { EmbedOrigins } from "@/lib/embed/schemas";
import { ActivitySummary, NotifyViews } from "@/lib/activity/schemas";
import { anonymousActionProblem } from "./policy";
import { MAX_VIEWER_ENTRIES, ViewerEntry } from "./viewer-entry";

export { MAX_VIEWER_ENTRIES, ViewerEntry };

export const GrantAction = z.enum(grantAction.enumValues);

export const Actions = z
  .array(GrantAction)
  .min(1, "Give at least the view action")
  .refine((a) => a.includes("view"), "Actions must include view")
  .transform((a) => GrantAction.options.filter((action) => a.includes(action)));

export const Email = z.email("Enter a valid email address").max(254).transform((e) => e.toLowerCase());

export const GrantParams = z.object({ grant_id: z.uuid() });
export const SubjectQuery = z.strictObject({ subject_type: z.literal("poc"), subject_id: z.uuid() });

const LinkPassword = z.string().min(8, "At least 8 characters").max(128, "At most 128 characters");
const ExpiresAt = isoDateTime();

const ViewerList = (what: string) =>
  z
    .array(ViewerEntry)
    .max(MAX_VIEWER_ENTRIES, `At most ${MAX_VIEWER_ENTRIES} entries`)
    .transform((entries) => [...new Set(entries)])
    .describe(`${what} Exact emails and \`@domain\` entries, at most ${MAX_VIEWER_ENTRIES}; a non-empty list implies require_verified_email.`);

/** Who may view a link (issue 18): verification by one-time email code, allow and deny lists. */
const viewerOptions = {
  require_verified_email: z.boolean().optional().describe("Viewers prove their email with a one-time code before they see the POC"),
  allowed_viewers: ViewerList("Only these may receive a code (empty: anyone not denied).").optional(),
  denied_viewers: ViewerList("These never receive a code; checked before allowed_viewers.").optional(),
};

/** Options a link grant can carry (DESIGN "Public links"). */
const linkOptions = {
  watermark: z.boolean().optional(),
  expires_at: ExpiresAt.nullable().optional(),
  password: LinkPassword.nullable().optional().describe("Write-only; null removes it"),
  ...viewerOptions,
};

function anonymousActionsOnly(v: { actions?: string[] }, ctx: z.RefinementCtx) {
  const problem = anonymousActionProblem(v.actions ?? []);
  if (problem) ctx.addIssue({ code: "custom", path: ["actions"], message: problem });
}

const grantCommon = {
  subject_type: z.literal("poc"),
  subject_id: z.uuid(),
  actions: Actions.default(["view"]),
  expires_at: ExpiresAt.nullable().optional(),
  watermark: z.boolean().optional(),
  notify_views: NotifyViews.optional(),
};

export const SHAREABLE_ROLES = ["member", "executive"] as const;

export const CreateGrantInput = z.discriminatedUnion("principal_type", [
  z.strictObject({ ...grantCommon, principal_type: z.literal("link"), password: linkOptions.password, ...viewerOptions }).superRefine(anonymousActionsOnly),
  z
    .strictObject({
      ...grantCommon,
      principal_type: z.literal("embed"),
      embed_origins: EmbedOrigins.describe("1-10 exact origins (https://host[:port]; http only for localhost) that may frame the embed"),
    })
    .superRefine(anonymousActionsOnly),
  z
    .strictObject({
      ...grantCommon,
      principal_type: z.literal("user"),
      principal_id: z.uuid().optional(),
      email: Email.optional(),
      message: text(1000, { multiline: true }).optional().describe("A note to the recipient, quoted in their email"),
    })
    .refine((v) => (v.principal_id === undefined) !== (v.email === undefined), { message: "Send either principal_id or email", path: ["email"] }),
  z.strictObject({ ...grantCommon, principal_type: z.literal("team"), principal_id: z.uuid({ message: "Pick a team" }) }),
  z.strictObject({ ...grantCommon, principal_type: z.literal("role"), principal_id: z.enum(SHAREABLE_ROLES, { message: "Pick member or executive" }) }),
]);
export type CreateGrantInput = z.infer<typeof CreateGrantInput>;

/** The public-link API's create body: every field optional (a view-only link by default). */
export const PublicLinkInput = z
  .strictObject({ actions: Actions.optional(), ...linkOptions, notify_views: NotifyViews.optional() })
  .superRefine(anonymousActionsOnly);
export type PublicLinkInput = z.infer<typeof PublicLinkInput>;

/** Link-only rules (no edit/share, passwords) depend on the grant and are checked by the service. */
export const UpdateGrantInput = z
  .strictObject({ actions: Actions.optional(), ...linkOptions, notify_views: NotifyViews.optional(), embed_origins: EmbedOrigins.optional().describe("Embeds only") })
  .refine((v) => Object.keys(v).length > 0, { message: "Send at least one field to change" });
export type UpdateGrantInput = z.infer<typeof UpdateGrantInput>;

const GivenPassword = z.string().min(1, "Enter the password").max(128);

/** A one-time code as typed: 6 digits, spaces and dashes forgiven. */
export const GivenCode = z
  .string()
  .max(20)
  .transform((v) => v.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from the email"));

/**
 * API unlock: the password; for watermarked links the viewer's email; for verified links the
 * email with the one-time code sent to it (POST …/verification-code first).
 */
export const PublicUnlockInput = z
  .strictObject({ password: GivenPassword.optional(), email: Email.optional(), code: GivenCode.optional() })
  .refine((v) => v.password !== undefined || v.email !== undefined, { message: "Send password, email or both" })
  .refine((v) => v.code === undefined || v.email !== undefined, { message: "Send the email the code was sent to", path: ["email"] });

/** API: asks for a one-time code for a verified link (sent by email; the email has no link in it). */
export const VerificationCodeInput = z.strictObject({ email: Email });
export const VerificationCodeSent = z.object({
  email: z.string().describe("Where the code went"),
  expires_at: z.iso.datetime({ offset: true }).describe("The code works until then (10 minutes), for 5 tries"),
});

/** The share page's gate forms (server actions beside app/share/[token]/page.tsx). */
export const SharePasswordForm = z.strictObject({ password: GivenPassword });
export const ShareEmailForm = z.strictObject({ email: Email });
/** Verified links: the email a one-time code goes to, then the code (a pending request is a cookie). */
export const ShareCodeRequestForm = z.strictObject({ email: Email });
export const ShareCodeForm = z.strictObject({ code: GivenCode });

export const GuestCommentInput = z.strictObject({
  name: text(100, { min: 1, required: "Enter your name" }).optional().describe("Required unless the link verifies emails (then the verified email is used)"),
  email: Email.optional().describe("Required unless the link verifies emails"),
  body: text(2000, { min: 1, required: "Write something first", multiline: true }),
  parent_id: z.uuid().nullable().optional(),
});
export type GuestCommentInput = z.infer<typeof GuestCommentInput>;

export const UnlockResult = z.object({
  access_token: z.string().describe("Send as `Authorization: Bearer <access_token>` to the public POC routes"),
  expires_at: z.iso.datetime({ offset: true }),
});

const timestamp = z.iso.datetime({ offset: true });
const CreatedBy = z.object({ kind: z.enum(["user", "api_token"]), id: z.uuid(), name: z.string() }).nullable();

export const GrantJson = z.object({
  id: z.uuid(),
  subject_type: z.literal("poc"),
  subject_id: z.uuid(),
  principal_type: z.enum(["user", "team", "role", "link", "embed"]),
  principal: z.object({
    id: z.string().nullable().describe("User id, team id or role name"),
    name: z.string().nullable(),
    email: z.string().nullable(),
    pending: z.boolean().describe("An invited email without an account yet"),
  }),
  actions: z.array(GrantAction),
  watermark: z.boolean(),
  expires_at: timestamp.nullable(),
  has_password: z.boolean(),
  require_verified_email: z.boolean().describe("Links: viewers prove their email with a one-time code (always true when a list is set)"),
  allowed_viewers: z.array(z.string()),
  denied_viewers: z.array(z.string()),
  notify_views: NotifyViews,
  state: z.enum(["active", "expired", "revoked"]),
  link_url: z.string().nullable().describe("Public links only: the URL to hand out (only tenant admins see it)"),
  embed_origins: z.array(z.string()).nullable().describe("Embeds only: the origins allowed to frame it"),
  embed_url: z.string().nullable().describe("Live embeds only: {APP_URL}/embed/{embed_token}"),
  embed_snippet: z.string().nullable().describe("Live embeds only: a ready <iframe> for embed_url"),
  embed_token: z.string().nullable().describe("Live embeds only: a JWT signed with the tenant's current key, valid as long as the grant (at most a year)"),
  created_at: timestamp,
  created_by: CreatedBy,
  updated_at: timestamp,
  revoked_at: timestamp.nullable(),
  inherited_restrictions: z
    .array(z.enum(["watermark"]))
    .optional()
    .describe("On create and update: restrictions forced onto this grant because the sharer's own access has them"),
  activity: ActivitySummary.optional().describe("Views of this grant (in lists)"),
});
export type GrantJson = z.infer<typeof GrantJson>;
export const GrantList = z.object({ data: z.array(GrantJson) });

export const SharedWithMeJson = z.object({
  data: z.array(
    z.object({
      poc: z.object({ id: z.uuid(), title: z.string(), customer: z.string(), status: z.enum(pocStatus.enumValues) }),
      shared_by: z.object({ name: z.string() }).nullable(),
      actions: z.array(GrantAction),
      shared_at: timestamp,
      expires_at: timestamp.nullable(),
    }),
  ),
});
export type SharedWithMeJson = z.infer<typeof SharedWithMeJson>;

/** A POC's public links that ended (revoked or expired), for the Share dialog's history. */
export const EndedLinkList = z.object({
  data: z.array(
    z.object({
      id: z.uuid(),
      created_at: timestamp,
      created_by: CreatedBy,
      ended: z.object({ reason: z.enum(["revoked", "expired"]), at: timestamp, by: z.string().nullable().describe("Who revoked it (null for an expiry)") }),
    }),
  ),
});
export type EndedLinkList = z.infer<typeof EndedLinkList>;

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
  /** Present only when the link carries `comment`. Authors by display name only. */
  comments: z
    .array(z.object({
        id: z.uuid(),
        parent_id: z.uuid().nullable(),
        author_name: z.string(),
        author_kind: z.enum(["user", "guest"]),
        body: z.string(),
        created_at: z.string(),
        edited_at: z.string().nullable(),
        /** Removed by its author or a moderator: kept so replies keep their place; the body is empty. */
        deleted: z.boolean(),
      }))
    .optional(),
  /** The email the viewer gave, when the link is watermarked. */
  viewer_email: z.string().nullable(),
});
export type PublicPocView = z.infer<typeof PublicPocView>;

/** Tokens are 43 base64url characters; anything else can be refused without a lookup. */
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
