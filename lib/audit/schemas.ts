/** zod schemas of the audit area: the audit-events API's query and answers. Pure. */
import { z } from "zod";

const timestamp = z.iso.datetime({ offset: true });
/** A day (taken as UTC midnight) or an RFC 3339 date-time. */
const DateBound = z.union([z.iso.date(), timestamp], { message: "Use a date (2026-12-31) or an RFC 3339 date-time" });

export const ACTOR_TYPES = ["user", "api_token", "scim_token", "system", "public"] as const;

export const AuditQuery = z.strictObject({
  poc_id: z.uuid().optional().describe("Only events about this POC"),
  actor_type: z.enum(ACTOR_TYPES).optional(),
  actor_id: z.uuid().optional().describe("A user id, API token id or SCIM token id"),
  action: z
    .string()
    .max(100)
    .regex(/^[a-z0-9_.-]+(\.\*)?$/, "An action like grant.updated, or a prefix like grant.*")
    .optional(),
  from: DateBound.optional().describe("Events at or after this time"),
  to: DateBound.optional().describe("Events before this time (a date includes that whole day)"),
  cursor: z.string().max(200).optional().describe("The `next` value of the previous page"),
  limit: z.coerce.number().int().min(1).max(200).optional().describe("Page size, 50 by default"),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** A date-only `to` covers that whole day. */
export function upperBound(to: string): Date {
  const date = new Date(to);
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(date.getTime() + 86_400_000) : date;
}

export const AuditEventJson = z.object({
  id: z.string().describe("Opaque, increasing"),
  created_at: timestamp,
  actor: z.object({
    type: z.string().describe("user, api_token, scim_token, system or public"),
    user_id: z.uuid().nullable(),
    token_id: z.uuid().nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
  }),
  action: z.string(),
  subject: z.object({ type: z.string(), id: z.string().nullable() }),
  poc: z.object({ id: z.uuid(), title: z.string().nullable() }).nullable(),
  ip: z.string().nullable(),
  payload: z.unknown(),
  chain: z.object({ seq: z.number().int(), prev_hash: z.string(), hash: z.string() }).nullable().describe("Null only on rows written before the chain existed"),
});
export type AuditEventJson = z.infer<typeof AuditEventJson>;

export const AuditEventPage = z.object({ data: z.array(AuditEventJson), next: z.string().nullable().describe("Cursor of the next (older) page; null on the last page") });

export const ChainVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int().describe("Rows re-hashed"),
  unchained: z.number().int().describe("Rows written before the chain existed (not covered)"),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  first_broken: z
    .object({ id: z.string().nullable(), seq: z.number().int(), reason: z.enum(["altered", "prev-mismatch", "gap", "head-mismatch"]), message: z.string() })
    .nullable(),
  duration_ms: z.number().int(),
});
export type ChainVerification = z.infer<typeof ChainVerification>;

const CURSOR_PREFIX = "ae1.";

export const encodeCursor = (id: number): string => CURSOR_PREFIX + Buffer.from(String(id)).toString("base64url");

export function decodeCursor(cursor: string): number | null {
  if (!cursor.startsWith(CURSOR_PREFIX)) return null;
  const id = Number(Buffer.from(cursor.slice(CURSOR_PREFIX.length), "base64url").toString());
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
