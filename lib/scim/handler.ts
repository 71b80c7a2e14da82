/**
 * The wrapper for SCIM callers (identity providers), beside withActor and withShare: it
 * authenticates the tenant's SCIM bearer token, runs the whole request in one transaction
 * scoped to that tenant (a rejected request leaves nothing half-applied), and answers
 * application/scim+json, errors in the SCIM error schema.
 */
import type { z } from "zod";
import { clientIpFrom } from "@/lib/api/client-ip";
import { transaction, type Executor } from "@/lib/db/repo";
import { kickEmailDelivery } from "@/lib/email/service";
import { scimTokenFor } from "@/lib/scim-tokens/service";
import type { ScimCaller } from "./caller";
import { SCIM_CONTENT_TYPE, ScimError, scimErrorBody } from "./errors";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

/** `queuedEmail`: the request wrote to the outbox; delivery starts right after the commit. */
export type ScimResult = { status: number; body?: unknown; location?: string; queuedEmail?: boolean };
export type ScimArgs<P> = { req: Request; params: P; query: URLSearchParams; body: unknown; caller: ScimCaller; tx: Executor };

const MAX_BODY_BYTES = 1024 * 1024;
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

export function scimResponse(result: ScimResult): Response {
  const headers: Record<string, string> = { "content-type": SCIM_CONTENT_TYPE, "cache-control": "no-store" };
  if (result.location) headers.location = result.location;
  return new Response(result.body === undefined ? null : JSON.stringify(result.body), { status: result.status, headers });
}

function errorResponse(error: unknown): Response {
  const { status, body } = scimErrorBody(error);
  const res = scimResponse({ status, body });
  if (status === 401) res.headers.set("www-authenticate", 'Bearer realm="scim"');
  return res;
}

async function readScimBody(req: Request): Promise<unknown> {
  if (!BODY_METHODS.has(req.method)) return undefined;
  const length = Number(req.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) throw new ScimError(413, "The request body is too large");
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new ScimError(413, "The request body is too large");
  const type = req.headers.get("content-type") ?? "";
  if (!/application\/(scim\+)?json/i.test(type)) throw new ScimError(400, "Send the body as application/scim+json", "invalidSyntax");
  try {
    return JSON.parse(text);
  } catch {
    throw new ScimError(400, "The request body is not valid JSON", "invalidSyntax");
  }
}

async function parseParams<P>(ctx: RouteContext | undefined, schema: z.ZodType<P> | undefined): Promise<P> {
  if (!schema) return undefined as P;
  const parsed = schema.safeParse(ctx ? await ctx.params : {});
  // A malformed id names no resource of this tenant: the same 404 as an unknown one.
  if (!parsed.success) throw new ScimError(404, "Resource not found");
  return parsed.data;
}

function bearer(req: Request): string | null {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1] ?? null;
}

/** For the tenant endpoints (/Users, /Groups): token → tenant, one transaction per request. */
export function withScim<P = undefined>(schemas: { params?: z.ZodType<P> }, handler: (args: ScimArgs<P>) => Promise<ScimResult>) {
  return async (req: Request, ctx: RouteContext): Promise<Response> => {
    try {
      const raw = bearer(req);
      // The token, the path and the body are settled before the transaction opens: its
      // connection is held (and a tenant's audit chain head queued on) only for the work itself.
      const token = raw ? await scimTokenFor(raw) : null;
      if (!token) throw new ScimError(401, "The SCIM token is missing, revoked or unknown");
      const params = await parseParams(ctx, schemas.params);
      const body = await readScimBody(req);
      const caller: ScimCaller = { scimTokenId: token.id, tenantId: token.tenantId, tenantName: token.tenantName, ip: clientIpFrom(req.headers) };
      const result = await transaction((tx) => handler({ req, params, query: new URL(req.url).searchParams, body, caller, tx }));
      if (result.queuedEmail) kickEmailDelivery();
      return scimResponse(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** For the discovery endpoints: static documents about the service, no tenant data. */
export function withScimDiscovery(handler: (req: Request) => ScimResult) {
  return async (req: Request): Promise<Response> => {
    try {
      return scimResponse(handler(req));
    } catch (error) {
      return errorResponse(error);
    }
  };
}
