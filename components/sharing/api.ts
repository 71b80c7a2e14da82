/**
 * The Share dialog's client for the sharing REST API (same origin, session cookie). Errors
 * arrive as problem+json and become ProblemError, with field messages keyed by field name.
 */
import type { AccessRequestJson } from "@/lib/access-requests/schemas";
import type { EndedLinkList, GrantJson, PublicLinkJson } from "@/lib/sharing/schemas";
import type { ActionResult } from "@/lib/auth/page";

export type { AccessRequestJson, GrantJson, PublicLinkJson };
export type GrantAction = GrantJson["actions"][number];

export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  /** Field name (e.g. "password", "expires_at") → message. */
  readonly fields: Record<string, string>;

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.name = "ProblemError";
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

/** A random UUID, also where crypto.randomUUID is missing (plain HTTP on another host). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type Problem = { code?: string; detail?: string; title?: string; errors?: { field: string; message: string }[] };

async function problemOf(res: Response): Promise<ProblemError> {
  let body: Problem = {};
  try {
    body = (await res.json()) as Problem;
  } catch {
    // Not JSON (a proxy error page, say): fall back to the status.
  }
  const fields: Record<string, string> = {};
  for (const e of body.errors ?? []) {
    // Keep the first message per field; "actions.0" and the like count as "actions".
    const field = e.field.split(".")[0] ?? e.field;
    fields[field] ??= e.message;
  }
  const fallback = res.status === 401 ? "Your session has ended. Sign in again." : `The request failed (HTTP ${res.status}). Please try again.`;
  return new ProblemError(res.status, body.code ?? "server/error", body.detail ?? body.title ?? fallback, fields);
}

/** Calls the API; resolves with the JSON body (undefined for 204), rejects with ProblemError. */
/** `idempotencyKey`: a retry of the same request sends the same key, so it is never applied twice. */
export async function apiRequest<T>(path: string, options: { method?: string; body?: unknown; idempotent?: boolean; idempotencyKey?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.idempotent || options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey ?? newIdempotencyKey();
  let res: Response;
  try {
    res = await fetch(path, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    throw new ProblemError(0, "network/error", "Could not reach the server. Check your connection and try again.");
  }
  if (!res.ok) throw await problemOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const sharingKeys = {
  all: ["sharing"] as const,
  grants: (pocId: string) => ["sharing", "grants", pocId] as const,
  endedLinks: (pocId: string) => ["sharing", "ended-links", pocId] as const,
  accessRequests: (pocId: string) => ["sharing", "access-requests", pocId] as const,
};

export const grantsPath = (pocId: string) => `/api/v1/sharing/grants?subject_type=poc&subject_id=${encodeURIComponent(pocId)}`;

export async function fetchGrants(pocId: string): Promise<GrantJson[]> {
  return (await apiRequest<{ data: GrantJson[] }>(grantsPath(pocId))).data;
}

export type GrantPatch = {
  actions?: GrantAction[];
  watermark?: boolean;
  expires_at?: string | null;
  password?: string | null;
  require_verified_email?: boolean;
  allowed_viewers?: string[];
  denied_viewers?: string[];
};

export const updateGrant = (grantId: string, patch: GrantPatch) =>
  apiRequest<GrantJson>(`/api/v1/sharing/grants/${encodeURIComponent(grantId)}`, { method: "PATCH", body: patch });

export const revokeGrant = (grantId: string) => apiRequest<void>(`/api/v1/sharing/grants/${encodeURIComponent(grantId)}`, { method: "DELETE" });

export const resendInvite = (grantId: string) =>
  apiRequest<void>(`/api/v1/sharing/grants/${encodeURIComponent(grantId)}/resend`, { method: "POST" });

export type NewGrant = {
  principal_type: "user" | "team" | "role";
  principal_id?: string;
  email?: string;
  actions: GrantAction[];
  expires_at?: string | null;
  watermark?: boolean;
  /** People only: a note quoted in their email. */
  message?: string;
};

export type NewEmbed = { principal_type: "embed"; embed_origins: string[]; actions: GrantAction[]; expires_at?: string | null; watermark?: boolean };

export const createGrant = (pocId: string, grant: NewGrant | NewEmbed, idempotencyKey?: string) =>
  apiRequest<GrantJson>("/api/v1/sharing/grants", { method: "POST", body: { subject_type: "poc", subject_id: pocId, ...grant }, idempotent: true, idempotencyKey });

/** A new public link with its protections chosen up front (all optional). */
export type NewPublicLink = { actions?: GrantAction[]; password?: string; expires_at?: string | null; watermark?: boolean };

export const createPublicLink = (pocId: string, options: NewPublicLink = {}) =>
  apiRequest<PublicLinkJson>(`/api/v1/pocs/${encodeURIComponent(pocId)}/public-link`, { method: "POST", body: options, idempotent: true });

export type EndedLink = EndedLinkList["data"][number];
export const fetchEndedLinks = async (pocId: string): Promise<EndedLink[]> =>
  (await apiRequest<EndedLinkList>(`/api/v1/pocs/${encodeURIComponent(pocId)}/public-link/history`)).data;

export const fetchAccessRequests = async (pocId: string): Promise<AccessRequestJson[]> =>
  (await apiRequest<{ data: AccessRequestJson[] }>(`/api/v1/pocs/${encodeURIComponent(pocId)}/access-requests`)).data;

export const decideAccessRequest = (pocId: string, requestId: string, decision: "approve" | "dismiss", actions?: GrantAction[]) =>
  apiRequest<AccessRequestJson>(`/api/v1/pocs/${encodeURIComponent(pocId)}/access-requests/${encodeURIComponent(requestId)}/${decision}`, {
    method: "POST",
    body: decision === "approve" ? { actions: actions ?? ["view"] } : undefined,
  });

export const deletePublicLink = (pocId: string) => apiRequest<void>(`/api/v1/pocs/${encodeURIComponent(pocId)}/public-link`, { method: "DELETE" });

export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : "Something went wrong. Please try again.";

/** Adapts a promise to the ActionResult that ConfirmButton expects. */
export async function asActionResult(run: () => Promise<unknown>): Promise<ActionResult<null>> {
  try {
    await run();
    return { ok: true, data: null };
  } catch (error) {
    const problem = error instanceof ProblemError ? error : null;
    return { ok: false, code: problem?.code ?? "server/error", message: messageOf(error), fieldErrors: problem?.fields ?? {} };
  }
}
