/**
 * SECURITY 1 and 22: share tokens, passwords and viewer passes never reach the logs, audit
 * payloads or error bodies; a rejected change writes no audit row.
 */
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as publicLinkRoute from "@/app/api/v1/pocs/[poc_id]/public-link/route";
import * as publicView from "@/app/api/v1/public/pocs/[token]/route";
import * as publicUnlock from "@/app/api/v1/public/pocs/[token]/unlock/route";
import * as grantRoute from "@/app/api/v1/sharing/grants/[grant_id]/route";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { asUser, call, pocId, seed, type Caller } from "../helpers";
import { sharePage } from "../share-page";

vi.mock("next/headers", async () => (await import("../next-request")).nextHeadersMock);

// Lets a test make the share lookup fail once, as a database outage would.
const failure = vi.hoisted(() => ({ next: false }));
vi.mock("@/lib/sharing/repo", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/sharing/repo")>();
  return {
    ...actual,
    findShareByTokenHash: async (...args: Parameters<typeof actual.findShareByTokenHash>) => {
      if (failure.next) {
        failure.next = false;
        throw new Error("database unavailable");
      }
      return actual.findShareByTokenHash(...args);
    },
  };
});

let admin: Caller;
let logged: string[] = [];

beforeAll(async () => {
  await seed();
  admin = await asUser("acmeAdmin");
});
beforeEach(() => {
  logged = [];
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    });
  }
});
afterEach(() => vi.restoreAllMocks());

describe("secrets stay out of logs, audit rows and errors", () => {
  it("through a whole link lifecycle with failures on the way", async () => {
    const id = await pocId("contoso");
    const path = `/api/v1/pocs/${id}/public-link`;
    const created = await admin(publicLinkRoute.POST, { method: "POST", path, params: { poc_id: id }, body: { password: "pass-in-logs-1" } });
    expect(created.status).toBe(201);
    const token: string = created.body.access_token;

    const unlock = (password: string) => call(publicUnlock.POST as never, { method: "POST", params: { token }, body: { password } });
    const wrong = await unlock("wrong-password");
    const right = await unlock("pass-in-logs-1");
    const pass: string = right.body.access_token;
    await call(publicView.GET as never, { params: { token }, headers: { authorization: `Bearer ${pass}` } });
    await sharePage(token);
    // Force a server-side failure on a public route: the token must not be in what is logged.
    failure.next = true;
    const broken = await call(publicView.GET as never, { params: { token } });
    expect(broken.status).toBe(500);
    await admin(grantRoute.PATCH, { method: "PATCH", params: { grant_id: created.body.id }, body: { password: "pass-in-logs-2" } });
    await admin(publicLinkRoute.DELETE, { method: "DELETE", params: { poc_id: id } });

    const secrets = [token, pass, "pass-in-logs-1", "pass-in-logs-2"];
    const audit = JSON.stringify(await getDb().select().from(auditEvents));
    const bodies = JSON.stringify([wrong.body, broken.body]);
    for (const secret of secrets) {
      expect(logged.join("\n")).not.toContain(secret);
      expect(audit).not.toContain(secret);
      expect(bodies).not.toContain(secret);
    }
    expect(logged.some((line) => line.includes("database unavailable"))).toBe(true);
  });

  it("a rejected change writes no audit row", async () => {
    const id = await pocId("fabrikam");
    const path = `/api/v1/pocs/${id}/public-link`;
    const before = await getDb().select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    const created = await admin(publicLinkRoute.POST, { method: "POST", path, params: { poc_id: id }, body: {} });
    const duplicate = await admin(publicLinkRoute.POST, { method: "POST", path, params: { poc_id: id }, body: {} });
    expect(duplicate.status).toBe(409);
    const invalid = await admin(grantRoute.PATCH, { method: "PATCH", params: { grant_id: created.body.id }, body: { expires_at: "2001-01-01T00:00:00Z" } });
    expect(invalid.status).toBe(422);
    const after = await getDb().select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(after[0]!.n - before[0]!.n).toBe(1);
    const rows = await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, created.body.id));
    expect(rows.map((r) => r.action)).toEqual(["grant.created"]);
  });
});
