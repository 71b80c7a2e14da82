/**
 * The route-handler wrappers, one per kind of caller. Each does authentication, zod parsing
 * of params, query and body, and maps every error to problem+json in one place, so a route
 * handler is a few lines that call a service.
 */
import { z } from "zod";
import { callerScope, type Actor } from "@/lib/auth/actor";
import { withIdempotency } from "@/lib/idempotency/service";
import { actorForApiToken } from "@/lib/auth/service";
import { actorFromSessionToken, readCookie, sessionCookieName } from "@/lib/auth/session";
import { SHARE_HEADERS, SHARE_PASS_COOKIE } from "@/lib/sharing/http";
import type { ShareRequest } from "@/lib/sharing/public-service";
import type { EmbedRequest } from "@/lib/embed/service";
import { AppError, invalid, problemResponse, unauthorized } from "./errors";
import { clientIpFrom } from "./client-ip";
import { crossOriginProblem } from "./origin";
import { MAX_JSON_BODY_BYTES, readBoundedText } from "./body";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

type Schemas<P, Q, B> = {
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /**
   * POST creates: honour Idempotency-Key (replay, 422 on another body, 409 while in flight).
   * `authorize` is the create's authorization check alone: it runs again before a stored
   * response is replayed, so a caller who lost the right since gets the normal 403/404.
   */
  idempotent?: { authorize: (args: { actor: Actor; params: P; body: B }) => Promise<unknown> };
};

type HandlerArgs<P, Q, B> = { req: Request; params: P; query: Q; body: B; ip: string | null };

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A JSON response from text that already is JSON (a document Postgres built). */
export function jsonText(text: string, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
  return new Response(text, { ...init, headers });
}

export const json = (data: unknown, init: ResponseInit = {}): Response => jsonText(JSON.stringify(data), init);

export const noContent = (): Response => new Response(null, { status: 204, headers: { "cache-control": "no-store" } });

async function readJsonBody(req: Request): Promise<unknown> {
  const text = await readBoundedText(req, MAX_JSON_BODY_BYTES);
  if (text.trim() === "") return {};
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) throw new AppError("request/malformed", "Send the body as application/json");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("request/malformed", "The request body is not valid JSON");
  }
}

function parseWith<T>(schema: z.ZodType<T> | undefined, value: unknown, prefix: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(result.error, prefix ? [prefix] : []);
  return result.data;
}

async function parseRequest<P, Q, B>(req: Request, ctx: RouteContext | undefined, schemas: Schemas<P, Q, B>): Promise<HandlerArgs<P, Q, B>> {
  const rawParams = ctx ? await ctx.params : {};
  // A malformed id in the path names no resource: answer 404 like any unknown id.
  const paramsResult = schemas.params?.safeParse(rawParams);
  if (paramsResult && !paramsResult.success) throw new AppError("resource/not-found", "Not found");
  const url = new URL(req.url);
  const query = parseWith(schemas.query, Object.fromEntries(url.searchParams), "query");
  const body = schemas.body ? parseWith(schemas.body, await readJsonBody(req), "") : (undefined as B);
  return { req, params: paramsResult?.data as P, query, body, ip: clientIpFrom(req.headers) };
}

/**
 * Browsers send Origin on cross-site writes; a cookie-authenticated write must come from us.
 * "Us" is APP_URL's origin only: the Host header is the client's to choose, so it proves nothing.
 */
export function assertSameOrigin(req: Request, options: { opaqueSameOrigin?: boolean } = {}): void {
  const problem = crossOriginProblem(req.headers, options);
  if (problem) throw new AppError("auth/csrf", problem);
}

/** Bearer API token, or the session cookie of a signed-in user (with an Origin check on writes). */
async function resolveActor(req: Request, ip: string | null): Promise<Actor> {
  const authorization = req.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const actor = match?.[1] ? await actorForApiToken(match[1], ip) : null;
    if (!actor) throw unauthorized("The API token is missing, malformed, revoked or unknown");
    return actor;
  }
  const actor = await actorFromSessionToken(readCookie(req.headers.get("cookie"), sessionCookieName()), ip);
  if (!actor) throw unauthorized();
  if (UNSAFE_METHODS.has(req.method)) assertSameOrigin(req);
  return actor;
}

/** For routes called by integrators and by the signed-in UI. */
export function withActor<P = undefined, Q = undefined, B = undefined>(
  schemas: Schemas<P, Q, B>,
  handler: (args: HandlerArgs<P, Q, B> & { actor: Actor }) => Promise<Response>,
) {
  return async (req: Request, ctx: RouteContext): Promise<Response> => {
    try {
      const actor = await resolveActor(req, clientIpFrom(req.headers));
      const args = await parseRequest(req, ctx, schemas);
      if (!schemas.idempotent) return await handler({ ...args, actor });
      const stored = await withIdempotency(
        callerScope(actor),
        req.headers.get("idempotency-key"),
        { method: req.method, path: new URL(req.url).pathname, body: args.body },
        async () => {
          const res = await handler({ ...args, actor });
          return { status: res.status, body: await res.json() };
        },
        () => schemas.idempotent!.authorize({ actor, params: args.params, body: args.body }),
      );
      return json(stored.body, { status: stored.status, headers: stored.replayed ? { "idempotent-replayed": "true" } : {} });
    } catch (error) {
      return problemResponse(error, new URL(req.url).pathname);
    }
  };
}

/** For routes anyone may call (health checks, public documents); errors still map to problem+json. */
export function withPublic<P = undefined, Q = undefined, B = undefined>(
  schemas: Schemas<P, Q, B>,
  handler: (args: HandlerArgs<P, Q, B>) => Promise<Response>,
) {
  return async (req: Request, ctx: RouteContext): Promise<Response> => {
    try {
      return await handler(await parseRequest(req, ctx, schemas));
    } catch (error) {
      // No `instance` here: public paths can carry share tokens, which never go into errors.
      return problemResponse(error);
    }
  };
}

/**
 * For anonymous callers holding a share token. Builds the ShareRequest (token, viewer pass,
 * IP, user agent) and puts the share headers on every response, errors included.
 * `passFrom`: API clients send the pass as a bearer credential; browsers as the `pm_share`
 * cookie, which is path-scoped to that one link.
 */
export function withShare<Q = undefined, B = undefined, P extends { token: string } = { token: string }>(
  schemas: Omit<Schemas<P, Q, B>, "idempotent"> & { passFrom: "bearer" | "cookie" },
  handler: (args: HandlerArgs<P, Q, B> & { share: ShareRequest }) => Promise<Response>,
) {
  return async (req: Request, ctx: RouteContext): Promise<Response> => {
    let res: Response;
    try {
      if (UNSAFE_METHODS.has(req.method) && schemas.passFrom === "cookie") assertSameOrigin(req, { opaqueSameOrigin: true });
      const args = await parseRequest(req, ctx, { ...schemas, params: schemas.params ?? (ShareParams as unknown as z.ZodType<P>) });
      const { token } = args.params;
      const pass =
        schemas.passFrom === "cookie"
          ? readCookie(req.headers.get("cookie"), SHARE_PASS_COOKIE)
          : (/^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1] ?? null);
      res = await handler({ ...args, share: { token, pass, ip: args.ip, userAgent: req.headers.get("user-agent") } });
    } catch (error) {
      res = problemResponse(error);
    }
    for (const [key, value] of Object.entries(SHARE_HEADERS)) res.headers.set(key, value);
    return res;
  };
}

const ShareParams = z.object({ token: z.string() });

/**
 * For anonymous callers holding an embed token (the iframe's own requests: comments,
 * downloads). The token in the path is the only credential — no cookies, which browsers
 * block in third-party iframes — and the service verifies it and the grant on every call.
 * Every response carries the share headers; `onError` lets form routes answer with a redirect.
 */
export function withEmbed<B = undefined, Q = undefined, P extends { token: string } = { token: string }>(
  schemas: Pick<Schemas<P, Q, B>, "body" | "query" | "params">,
  handler: (args: HandlerArgs<P, Q, B> & { embed: EmbedRequest }) => Promise<Response>,
  onError: (error: unknown, embed: EmbedRequest) => Promise<Response> = async (error) => problemResponse(error),
) {
  return async (req: Request, ctx: RouteContext): Promise<Response> => {
    const raw = ctx ? await ctx.params : {};
    const embed: EmbedRequest = { token: typeof raw.token === "string" ? raw.token : "", ip: clientIpFrom(req.headers), userAgent: req.headers.get("user-agent") };
    let res: Response;
    try {
      const args = await parseRequest<P, Q, B>(req, ctx, { ...schemas, params: schemas.params ?? (ShareParams as unknown as z.ZodType<P>) });
      res = await handler({ ...args, embed });
    } catch (error) {
      res = await onError(error, embed);
    }
    // The entry server adds the CSP (frame-ancestors 'none' here: these are not framed pages).
    for (const [key, value] of Object.entries(SHARE_HEADERS)) res.headers.set(key, value);
    return res;
  };
}
