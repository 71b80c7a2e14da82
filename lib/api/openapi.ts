/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the handlers parse with
 * (zod 4's JSON Schema output is draft 2020-12, the dialect of OpenAPI 3.1).
 */
import { z } from "zod";
import * as access from "@/lib/access-requests/schemas";
import * as activity from "@/lib/activity/schemas";
import * as audit from "@/lib/audit/schemas";
import * as poc from "@/lib/pocs/schemas";
import * as scimTokens from "@/lib/scim-tokens/schemas";
import * as embed from "@/lib/embed/schemas";
import * as sharing from "@/lib/sharing/schemas";
import { CONTENT_TYPES, EXPORT_FORMATS } from "@/lib/exports/formats";
import { ExportRecord } from "@/lib/exports/schemas";

type Operation = {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  tag: string;
  summary: string;
  body?: z.ZodType;
  /** Query parameters, one per key of the object schema. */
  query?: z.ZodObject;
  response?: { status: number; schema?: z.ZodType; description: string };
  errors: number[];
  auth?: "caller" | "none";
  idempotent?: boolean;
};

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string().describe("Stable machine-readable error code, e.g. auth/unauthorized or request/invalid"),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });
const pocPath = "/api/v1/pocs/{poc_id}";

const FORMAT_SUMMARIES = {
  pdf: "The POC as a PDF document (title block, overview, tasks, success criteria, comments; page numbers)",
  png: "A one-page PNG summary at 2× (title, status, progress, criteria, next open tasks)",
  xlsx: "An Excel workbook (Tasks, Success criteria, Comments sheets; typed cells, filters)",
  csv: "The tasks and success criteria as CSV (formula-safe in every locale)",
} as const;

/** Exports (lib/exports): each format for members and for share tokens, and the id lookup. */
function exportOperations(): Operation[] {
  const about = (f: keyof typeof FORMAT_SUMMARIES) =>
    `${FORMAT_SUMMARIES[f]}. Needs download; watermarked grants get the viewer's email and the time burned in. Every file carries an export id (also in the X-Export-Id header) that is logged.${f === "pdf" ? " ?paper=a4|letter." : ""}`;
  return EXPORT_FORMATS.flatMap((f): Operation[] => [
    { method: "get", path: `${pocPath}/export.${f}`, tag: "Exports", summary: about(f), response: { status: 200, description: CONTENT_TYPES[f] }, errors: [401, 403, 404, 413, 503] },
    { method: "get", path: `/api/v1/public/pocs/{token}/export.${f}`, tag: "Exports", summary: `${about(f)} Send the unlock token as Authorization: Bearer for protected or watermarked links.`, response: { status: 200, description: CONTENT_TYPES[f] }, errors: [401, 403, 404, 413, 503], auth: "none" },
  ]).concat([
    { method: "get", path: "/api/v1/exports/{export_id}", tag: "Exports", summary: "Who exported the file carrying this export id, when, from where and through which grant (tenant admins)", response: { status: 200, schema: ExportRecord, description: "The export" }, errors: [401, 403, 404] },
  ]);
}

/** Later areas append their operations here. */
export const operations: Operation[] = [
  { method: "get", path: "/api/v1/pocs", tag: "POCs", summary: "List the POCs the caller may see, with progress; search, filter and sort with the query. Cursor pagination: 50 per page (`limit` up to 100); pass `next` as `cursor` with the same query for the next page (a cursor from another sort, or an altered one, is 422 `request/invalid`)", query: poc.PocListQuery, response: { status: 200, schema: poc.PocList, description: "One page of POCs in the asked order (default: newest activity first), ties broken by id" }, errors: [401, 422] },
  { method: "post", path: "/api/v1/pocs", tag: "POCs", summary: "Create a POC owned by the caller", body: poc.CreatePocInput, response: { status: 201, schema: poc.PocDetail, description: "The new POC" }, errors: [400, 401, 403, 422] },
  { method: "get", path: pocPath, tag: "POCs", summary: "Get a POC with its task groups, tasks, success criteria and comments (a read through user, team or role grants is a view in each one's activity)", response: { status: 200, schema: poc.PocDetail, description: "The POC" }, errors: [401, 404] },
  { method: "patch", path: pocPath, tag: "POCs", summary: "Change a POC's details (needs edit)", body: poc.UpdatePocInput, response: { status: 200, schema: poc.PocDetail, description: "The changed POC" }, errors: [400, 401, 403, 404, 422] },
  { method: "delete", path: pocPath, tag: "POCs", summary: "Delete a POC (tenant admins and the owner)", response: { status: 204, description: "Deleted" }, errors: [401, 403, 404] },
  { method: "get", path: `${pocPath}/task-groups`, tag: "Tasks", summary: "List task groups with their tasks", response: { status: 200, schema: list(poc.TaskGroupJson), description: "Task groups" }, errors: [401, 404] },
  { method: "post", path: `${pocPath}/task-groups`, tag: "Tasks", summary: "Add a task group", body: poc.TaskGroupInput, response: { status: 201, schema: poc.TaskGroupJson, description: "The task group" }, errors: [400, 401, 403, 404, 422] },
  { method: "patch", path: `${pocPath}/task-groups/{group_id}`, tag: "Tasks", summary: "Rename a task group or move it (`position`, 0-based among the POC's groups)", body: poc.UpdateTaskGroupInput, response: { status: 200, description: "The task group" }, errors: [400, 401, 403, 404, 422] },
  { method: "delete", path: `${pocPath}/task-groups/{group_id}`, tag: "Tasks", summary: "Delete a task group and its tasks", response: { status: 204, description: "Deleted" }, errors: [401, 403, 404] },
  { method: "get", path: `${pocPath}/tasks`, tag: "Tasks", summary: "List tasks", response: { status: 200, schema: list(poc.TaskJson), description: "Tasks" }, errors: [401, 404] },
  { method: "post", path: `${pocPath}/tasks`, tag: "Tasks", summary: "Add a task to a group", body: poc.CreateTaskInput, response: { status: 201, schema: poc.TaskJson, description: "The task" }, errors: [400, 401, 403, 404, 422] },
  { method: "patch", path: `${pocPath}/tasks/{task_id}`, tag: "Tasks", summary: "Change a task (status, assignee, due date, title), move it to another group, or reorder it (`position`, 0-based in its group)", body: poc.UpdateTaskInput, response: { status: 200, schema: poc.TaskJson, description: "The task" }, errors: [400, 401, 403, 404, 422] },
  { method: "delete", path: `${pocPath}/tasks/{task_id}`, tag: "Tasks", summary: "Delete a task", response: { status: 204, description: "Deleted" }, errors: [401, 403, 404] },
  { method: "get", path: `${pocPath}/success-criteria`, tag: "Success criteria", summary: "List success criteria", response: { status: 200, schema: list(poc.CriterionJson), description: "Success criteria" }, errors: [401, 404] },
  { method: "post", path: `${pocPath}/success-criteria`, tag: "Success criteria", summary: "Add a success criterion", body: poc.CreateCriterionInput, response: { status: 201, schema: poc.CriterionJson, description: "The criterion" }, errors: [400, 401, 403, 404, 422] },
  { method: "patch", path: `${pocPath}/success-criteria/{criterion_id}`, tag: "Success criteria", summary: "Change a success criterion or reorder it (`position`, 0-based)", body: poc.UpdateCriterionInput, response: { status: 200, schema: poc.CriterionJson, description: "The criterion" }, errors: [400, 401, 403, 404, 422] },
  { method: "delete", path: `${pocPath}/success-criteria/{criterion_id}`, tag: "Success criteria", summary: "Delete a success criterion", response: { status: 204, description: "Deleted" }, errors: [401, 403, 404] },
  { method: "get", path: `${pocPath}/comments`, tag: "Comments", summary: "List comments (threaded by parent_id)", response: { status: 200, schema: list(poc.CommentJson), description: "Comments, oldest first" }, errors: [401, 404] },
  { method: "post", path: `${pocPath}/comments`, tag: "Comments", summary: "Post a comment or a reply (needs comment). `internal: true` keeps it inside the POC's tenant: never on share pages, embeds or exports.", body: poc.CreateCommentInput, response: { status: 201, schema: poc.CommentJson, description: "The comment" }, errors: [400, 401, 403, 404, 422] },
  { method: "patch", path: `${pocPath}/comments/{comment_id}`, tag: "Comments", summary: "Edit your own comment", body: poc.UpdateCommentInput, response: { status: 200, schema: poc.CommentJson, description: "The edited comment" }, errors: [400, 401, 403, 404, 422] },
  { method: "delete", path: `${pocPath}/comments/{comment_id}`, tag: "Comments", summary: "Delete a comment: your own, or any (a guest's included) as the POC's owner or a tenant admin. Soft delete: replies stay under a placeholder; audited.", response: { status: 204, description: "Deleted (also when it already was)" }, errors: [401, 403, 404] },
  { method: "post", path: "/api/v1/sharing/grants", tag: "Sharing grants", summary: "Share a POC: with a user (principal_id or email; unknown emails get an invite), a team, a tenant role, as a public link or as an embed (links and embeds: tenant admins only, actions within view, download, comment; embeds need embed_origins). Re-sharers grant at most their own actions and expiry.", body: sharing.CreateGrantInput, response: { status: 201, schema: sharing.GrantJson, description: "The grant; link grants carry link_url, embed grants embed_url, embed_snippet and embed_token" }, errors: [400, 401, 403, 404, 409, 422], idempotent: true },
  { method: "get", path: "/api/v1/sharing/grants", tag: "Sharing grants", summary: "List the live grants of a subject (?subject_type=poc&subject_id=...)", response: { status: 200, schema: sharing.GrantList, description: "Live grants, newest first" }, errors: [401, 403, 404, 422] },
  { method: "get", path: "/api/v1/sharing/grants/{grant_id}", tag: "Sharing grants", summary: "Get a grant", response: { status: 200, schema: sharing.GrantJson, description: "The grant" }, errors: [401, 403, 404] },
  { method: "patch", path: "/api/v1/sharing/grants/{grant_id}", tag: "Sharing grants", summary: "Change a grant's actions, password (write-only; null removes), watermark, expiry, or a link's viewer verification (require_verified_email, allowed_viewers, denied_viewers; tightening them ends current viewers' access on their next request)", body: sharing.UpdateGrantInput, response: { status: 200, schema: sharing.GrantJson, description: "The changed grant" }, errors: [400, 401, 403, 404, 422] },
  { method: "delete", path: "/api/v1/sharing/grants/{grant_id}", tag: "Sharing grants", summary: "Revoke a grant (effective on the next request; the row stays for audit)", response: { status: 204, description: "Revoked" }, errors: [401, 403, 404] },
  { method: "post", path: "/api/v1/sharing/grants/{grant_id}/embed-tokens", tag: "Sharing grants", summary: "Issue a short-lived embed token for one viewer of an embed grant (tenant admins; your backend calls this and puts embed_url in its iframe). The token is an EdDSA JWT signed with the tenant's key; it never outlives the grant, and revoking the grant ends it on the next request.", body: embed.ViewerTokenInput, response: { status: 201, schema: embed.ViewerTokenJson, description: "The viewer's token and URL" }, errors: [400, 401, 403, 404, 422] },
  { method: "get", path: "/api/v1/public/embeds/{token}", tag: "Embeds", summary: "The read-only view of an embed, as JSON, for an embed token in the path (the same checks as /embed/{token}: signature, claims, live grant). 401 embed/invalid or embed/expired for a bad token, 403 share/revoked or share/expired, 404 unknown.", response: { status: 200, schema: sharing.PublicPocView, description: "The allowlisted view" }, errors: [401, 403, 404], auth: "none" },
  { method: "post", path: "/api/v1/sharing/grants/{grant_id}/resend", tag: "Sharing grants", summary: "Send a pending invitation again (new single-use link)", response: { status: 204, description: "Queued" }, errors: [401, 403, 404, 422] },
  { method: "get", path: "/api/v1/sharing/grants/{grant_id}/views", tag: "Activity", summary: "A grant's activity: view count, unique viewers, last view, and its access log (views, watermark-gate emails, exports), newest first", query: activity.ViewsQuery, response: { status: 200, schema: activity.GrantViewsPage, description: "Totals and one page of the access log" }, errors: [401, 403, 404, 422] },
  { method: "get", path: "/api/v1/audit-events", tag: "Audit", summary: "The tenant's audit events, newest first (tenant admins). Cursor pagination: pass `next` as `cursor`; new events never shift a page", query: audit.AuditQuery, response: { status: 200, schema: audit.AuditEventPage, description: "One page of events" }, errors: [401, 403, 422] },
  { method: "get", path: "/api/v1/audit-events/verify", tag: "Audit", summary: "Re-walk the tenant's hash chain and report the first broken link, if any (tenant admins)", response: { status: 200, schema: audit.ChainVerification, description: "The verdict" }, errors: [401, 403] },
  { method: "get", path: "/api/v1/audit-events/export.csv", tag: "Audit", summary: "The filtered audit log as formula-safe CSV, with each row's chain fields and the exact record its hash covers (tenant admins)", query: audit.AuditQuery.omit({ cursor: true, limit: true }), response: { status: 200, description: "text/csv" }, errors: [401, 403, 422] },
  { method: "get", path: "/api/v1/me/shared", tag: "Sharing grants", summary: "POCs shared with the caller (user, team and role grants), newest first", response: { status: 200, schema: sharing.SharedWithMeJson, description: "Shared POCs" }, errors: [401] },
  { method: "post", path: `${pocPath}/public-link`, tag: "Public links", summary: "Create the POC's public link (tenant admins)", body: sharing.PublicLinkInput, response: { status: 201, schema: sharing.PublicLinkJson, description: "The link with its token" }, errors: [401, 403, 404, 409, 422], idempotent: true },
  { method: "get", path: `${pocPath}/public-link`, tag: "Public links", summary: "Get the POC's live public link", response: { status: 200, schema: sharing.PublicLinkJson, description: "The live link" }, errors: [401, 403, 404] },
  { method: "delete", path: `${pocPath}/public-link`, tag: "Public links", summary: "Revoke the POC's public link", response: { status: 204, description: "Revoked" }, errors: [401, 403, 404] },
  { method: "get", path: `${pocPath}/public-link/history`, tag: "Public links", summary: "The POC's public links that were revoked or expired, with when and by whom (tenant admins)", response: { status: 200, schema: sharing.EndedLinkList, description: "Ended links, newest first" }, errors: [401, 403, 404] },
  { method: "get", path: "/api/v1/public/pocs/{token}", tag: "Public links", summary: "The read-only POC view behind a share token (no authentication)", response: { status: 200, schema: sharing.PublicPocView, description: "Allowlisted POC fields" }, errors: [401, 403, 404], auth: "none" },
  { method: "post", path: "/api/v1/public/pocs/{token}/unlock", tag: "Public links", summary: "Unlock a protected, watermarked or verified link: trade the password and/or the viewer's email (with its one-time `code` on verified links) for a 12-hour access token; send it as `Authorization: Bearer` to the public routes. 5 wrong passwords per 5 minutes per client IP; 5 tries per code. Tightening a link's viewer lists ends earlier tokens.", body: sharing.PublicUnlockInput, response: { status: 200, schema: sharing.UnlockResult, description: "The access token" }, errors: [401, 403, 404, 422, 429], auth: "none" },
  { method: "post", path: "/api/v1/public/pocs/{token}/verification-code", tag: "Public links", summary: "Verified links (require_verified_email, allowed_viewers, denied_viewers): email a 6-digit one-time code to the viewer, valid 10 minutes and 5 tries; then send email and code to …/unlock. Addresses on denied_viewers, or not on a non-empty allowed_viewers, get 403 share/viewer-not-allowed and no email. The email carries no link. Rate-limited per client IP, per email and per link.", body: sharing.VerificationCodeInput, response: { status: 202, schema: sharing.VerificationCodeSent, description: "The code is on its way" }, errors: [401, 403, 404, 422, 429], auth: "none" },
  { method: "post", path: "/api/v1/public/pocs/{token}/comments", tag: "Public links", summary: "Post a guest comment (links with the comment action)", body: sharing.GuestCommentInput, response: { status: 204, description: "Posted" }, errors: [401, 403, 404, 422], auth: "none" },
  { method: "post", path: "/api/v1/public/pocs/{token}/access-requests", tag: "Public links", summary: "From an expired or revoked link: ask the POC's owner for access (name, email, message). The owner and the tenant's admins are emailed. 5 per hour per client IP.", body: access.AccessRequestInput, response: { status: 202, description: "Sent (also when this email already has a request open)" }, errors: [404, 409, 422, 429], auth: "none" },
  { method: "get", path: `${pocPath}/access-requests`, tag: "Access requests", summary: "Requests for access to this POC, newest first (needs share)", response: { status: 200, schema: access.AccessRequestList, description: "Requests" }, errors: [401, 403, 404] },
  { method: "post", path: `${pocPath}/access-requests/{request_id}/approve`, tag: "Access requests", summary: "Approve: share the POC with the requester's email (an invitation when they have no account), within your own actions", body: access.ApproveAccessRequestInput, response: { status: 200, schema: access.AccessRequestJson, description: "The approved request with its grant_id" }, errors: [401, 403, 404, 409, 422] },
  { method: "post", path: `${pocPath}/access-requests/{request_id}/dismiss`, tag: "Access requests", summary: "Dismiss a request", response: { status: 200, schema: access.AccessRequestJson, description: "The dismissed request" }, errors: [401, 403, 404, 409] },
  // SCIM tokens (issue 15). The SCIM 2.0 endpoints themselves (/scim/v2) are described in /docs/api#scim and by their own discovery endpoints.
  { method: "post", path: "/api/v1/scim-tokens", tag: "SCIM tokens", summary: "Create a SCIM token for an identity provider (tenant admins). The token is in this response only; it is stored hashed.", body: scimTokens.CreateScimTokenInput, response: { status: 201, schema: scimTokens.CreatedScimTokenJson, description: "The token and the SCIM base URL to paste into the identity provider" }, errors: [400, 401, 403, 422] },
  { method: "get", path: "/api/v1/scim-tokens", tag: "SCIM tokens", summary: "List the tenant's SCIM tokens (never the tokens themselves)", response: { status: 200, schema: list(scimTokens.ScimTokenJson), description: "SCIM tokens, newest first" }, errors: [401, 403] },
  { method: "delete", path: "/api/v1/scim-tokens/{token_id}", tag: "SCIM tokens", summary: "Revoke a SCIM token (its next SCIM request is refused)", response: { status: 204, description: "Revoked" }, errors: [401, 403, 404] },
  ...exportOperations(),
];

const STATUS_TEXT: Record<number, string> = {
  400: "Malformed request (problem+json, code request/malformed)",
  401: "Missing or invalid credentials (auth/unauthorized)",
  403: "Not allowed (auth/forbidden, auth/csrf; share/revoked, share/expired on public routes)",
  404: "Not found, or not visible to the caller",
  409: "Conflict (share/link-exists with existing_grant_id; idempotency/in-flight)",
  422: "Invalid fields (request/invalid, with `errors`; idempotency/key-reused)",
  429: "Too many attempts (Retry-After)",
  413: "Too large: a body over the limit (request/too-large, refused before it is read), or a POC over an export's limits (export/too-large, listed in `limits`)",
  503: "Busy (export/busy, Retry-After)",
};

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  // OpenAPI 3.1 sets the dialect once; per-schema $schema members are noise.
  const generated = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Record<string, unknown>;
  delete generated.$schema;
  return generated;
}

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema:
        m[1] === "token"
          ? { type: "string", description: "The 43-character share token" }
          : m[1] === "export_id"
            ? { type: "string", description: "The 10-character export id printed in the file" }
            : { type: "string", format: "uuid" },
    }));
    const queryParams = op.query
      ? Object.entries(op.query.shape).map(([name, schema]) => {
          const field = schema as z.ZodType;
          return { name, in: "query", required: !field.safeParse(undefined).success, ...(field.description ? { description: field.description } : {}), schema: jsonSchema(field, "input") };
        })
      : [];
    const responses: Record<string, unknown> = {};
    if (op.response) {
      responses[String(op.response.status)] = {
        description: op.response.description,
        ...(op.response.schema ? { content: { "application/json": { schema: jsonSchema(op.response.schema, "output") } } } : {}),
      };
    }
    // Every body is bounded before it is read (lib/api/body.ts): 413 over the limit.
    for (const status of op.body ? [...new Set([...op.errors, 413])].sort() : op.errors) {
      responses[String(status)] = { description: STATUS_TEXT[status] ?? "Error", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };
    }
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      tags: [op.tag],
      summary: op.summary,
      operationId: `${op.method}${op.path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      parameters: [
        ...pathParams,
        ...queryParams,
        ...(op.idempotent ? [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 } }] : []),
      ],
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } } } : {}),
      responses,
      security: op.auth === "none" ? [] : [{ bearerAuth: [] }, { sessionCookie: [] }],
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "poc-manager API",
      version: "1.0.0",
      description:
        "REST API for integrators. Authenticate with `Authorization: Bearer <api token>` (create one under Settings → API tokens) " +
        "or the browser session cookie (writes then need a same-site Origin header). Errors are RFC 9457 problem+json with a stable `code`.",
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Problem: jsonSchema(Problem, "output") },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "An API token (pm_...)" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
