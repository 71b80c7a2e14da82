/**
 * Helpers for integration tests: demo data, actors, session cookies and calling route
 * handlers with real Request objects (the same code path as production, minus the socket).
 */
import { encode } from "next-auth/jwt";
import { getDb } from "@/db/client";
import { DEMO_USERS, seedDemo } from "@/db/seed";
import type { Actor } from "@/lib/auth/actor";
import { findUserByEmail } from "@/lib/auth/repo";
import { actorForUser } from "@/lib/auth/service";
import { sessionCookieName } from "@/lib/auth/session";
import { startSession } from "@/lib/auth/sessions";
import { config } from "@/lib/config";

export const APP_ORIGIN = "http://localhost:3999";
export type DemoKey = (typeof DEMO_USERS)[number]["key"];
export const demoEmail = (key: DemoKey) => DEMO_USERS.find((u) => u.key === key)!.email;

let seeded: Promise<boolean> | undefined;
export function seed(): Promise<boolean> {
  seeded ??= seedDemo(getDb());
  return seeded;
}

export async function userId(key: DemoKey): Promise<string> {
  const user = await findUserByEmail(demoEmail(key));
  if (!user) throw new Error(`demo user ${key} missing: call seed() first`);
  return user.id;
}

export async function actor(key: DemoKey): Promise<Actor> {
  const a = await actorForUser(await userId(key), "127.0.0.1");
  if (!a) throw new Error(`demo user ${key} is inactive`);
  return a;
}

/** A signed-in browser's session cookie: a new server-side session, as next-auth's sign-in makes one. */
export async function sessionCookie(key: DemoKey): Promise<string> {
  return (await newSession(key)).cookie;
}

export async function newSession(key: DemoKey | { userId: string }): Promise<{ sessionId: string; cookie: string }> {
  const sub = typeof key === "string" ? await userId(key) : key.userId;
  const sessionId = await startSession(sub, { ip: "127.0.0.1", userAgent: "vitest" });
  const token = await encode({ token: { sub, sid: sessionId }, secret: config().secret });
  return { sessionId, cookie: `${sessionCookieName()}=${token}` };
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function call(
  handler: Handler,
  opts: { method?: string; path?: string; params?: Record<string, string>; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers = new Headers(opts.headers);
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const req = new Request(`${APP_ORIGIN}${opts.path ?? "/api/v1/test"}`, { method: opts.method ?? "GET", headers, body });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* non-JSON body stays text */
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

// ---- Shared helpers for the integration suites ----

import { count, eq } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { expect } from "vitest";
import { pocs } from "@/db/schema";
import type { PocDetail } from "@/lib/pocs/schemas";
import { createApiToken } from "@/lib/tokens/service";

export const DEMO_POCS = {
  northwind: "Northwind data platform pilot", // Acme, owned by acmeAdmin
  contoso: "Contoso SSO rollout", // Acme, owned by acmeMark
  fabrikam: "Fabrikam analytics evaluation", // Acme, owned by acmeMia
  globex: "Globex warehouse robotics trial", // Globex, owned by globexAdmin
} as const;
export type DemoPocKey = keyof typeof DEMO_POCS;

/** The id of a demo POC (call seed() first). */
export async function pocId(key: DemoPocKey): Promise<string> {
  const [row] = await getDb().select({ id: pocs.id }).from(pocs).where(eq(pocs.title, DEMO_POCS[key]));
  if (!row) throw new Error(`demo POC ${key} missing: call seed() first`);
  return row.id;
}

export async function countRows(table: PgTable): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(table);
  return row!.n;
}

type CallOptions = NonNullable<Parameters<typeof call>[1]>;
export type Caller = (handler: Handler, opts?: CallOptions) => ReturnType<typeof call>;

/** A `call` that always sends the given headers (credentials), merged under the call's own. */
export function callerWith(headers: Record<string, string>): Caller {
  return (handler, opts = {}) => call(handler, { ...opts, headers: { ...headers, ...opts.headers } });
}

/** A browser session of a demo user (or any user by id): session cookie plus this site's Origin (so writes pass CSRF). */
export async function asUser(key: DemoKey | { userId: string }): Promise<Caller> {
  return callerWith({ cookie: (await newSession(key)).cookie, origin: APP_ORIGIN });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A new API token created by a demo tenant admin (through the service, as the UI does). */
export async function newApiToken(key: DemoKey, name = "test token"): Promise<{ id: string; token: string }> {
  const created = await createApiToken(await actor(key), { name });
  return { id: created.id, token: created.token };
}

/** An integrator calling with a fresh API token of a demo tenant admin. */
export async function asToken(key: DemoKey): Promise<Caller> {
  return callerWith(bearer((await newApiToken(key)).token));
}

/** Asserts an RFC 9457 problem response with the given status and stable code; returns the body. */
export function expectProblem(res: { status: number; headers: Headers; body: any }, status: number, code: string): any {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.body.status).toBe(status);
  return res.body;
}

/** The field names of a 422 problem's `errors` list. */
export function problemFields(res: { body: any }): string[] {
  return (res.body.errors ?? []).map((e: { field: string }) => e.field);
}

/**
 * What the anonymous view document must say about a POC, derived from the member view (an
 * independent code path): the same content minus ids and emails. Callers add `actions`,
 * `viewer_email` and, for links with `comment`, `comments`.
 */
export function publicViewOf(member: PocDetail) {
  return {
    title: member.title,
    description: member.description,
    customer: member.customer,
    objectives: member.objectives,
    status: member.status,
    start_date: member.start_date,
    end_date: member.end_date,
    task_groups: member.task_groups.map((g) => ({
      name: g.name,
      tasks: g.tasks.map((t) => ({ title: t.title, status: t.status, assignee_name: t.assignee?.name ?? null, due_date: t.due_date })),
    })),
    success_criteria: member.success_criteria.map((c) => ({ description: c.description, status: c.status })),
  };
}

/** What the anonymous document must say of the member's comments: internal ones left out. */
export const publicCommentsOf = (member: PocDetail) =>
  member.comments
    .filter((c) => !c.internal)
    .map((c) => ({
      id: c.id,
      parent_id: c.parent_id,
      author_name: c.author.name,
      author_kind: c.author.kind,
      body: c.body,
      created_at: c.created_at,
      edited_at: c.edited_at,
      deleted: c.deleted,
    }));
