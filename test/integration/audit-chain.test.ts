/**
 * SECURITY.md 22 and 32: the audit log's per-tenant hash chain. Concurrent writers never fork
 * it, any altered or removed row is reported exactly, and the audit API pages stably and is
 * for tenant admins only.
 */
import { parse } from "csv-parse/sync";
import { createHash } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/v1/audit-events/route";
import * as exportRoute from "@/app/api/v1/audit-events/export.csv/route";
import * as verifyRoute from "@/app/api/v1/audit-events/verify/route";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { createGrant, createPublicLink, updateGrant } from "@/lib/sharing/service";
import { actor, asToken, asUser, callerWith, expectProblem, pocId, problemFields, seed, type Caller } from "../helpers";

let acmeTenant: string;
let globexTenant: string;
let admin: Caller;

const verify = (caller: Caller) => caller(verifyRoute.GET as never, { path: "/api/v1/audit-events/verify" });
const list = (caller: Caller, query = "") => caller(eventsRoute.GET as never, { path: `/api/v1/audit-events${query}` });

/** Edits a stored audit row behind the app's back (the test plays a database intruder). */
async function tamper(statement: ReturnType<typeof sql>) {
  const db = getDb();
  await db.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
  try {
    await db.execute(statement);
  } finally {
    await db.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
  }
}

async function grantChanges(tenantPoc: string, n: number) {
  const a = await actor("acmeAdmin");
  const link = await createPublicLink(a, tenantPoc);
  // Half update the same link, half create grants by email: 50 writers at once in one tenant.
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      i % 2 === 0
        ? updateGrant(a, link.id, { expires_at: new Date(Date.now() + (i + 2) * 86_400_000).toISOString() })
        : createGrant(a, { subject_type: "poc", subject_id: tenantPoc, principal_type: "user", email: `chain-${i}@example.org`, actions: ["view"] }),
    ),
  );
}

beforeAll(async () => {
  await seed();
  acmeTenant = (await actor("acmeAdmin")).tenantId!;
  globexTenant = (await actor("globexAdmin")).tenantId!;
  admin = await asUser("acmeAdmin");
});

describe("the hash chain", () => {
  it("stays one unbroken chain under 50 concurrent grant changes in one tenant", async () => {
    await grantChanges(await pocId("contoso"), 50);
    const rows = await getDb().select({ seq: auditEvents.chainSeq }).from(auditEvents).where(eq(auditEvents.tenantId, acmeTenant)).orderBy(asc(auditEvents.chainSeq));
    expect(rows.length).toBeGreaterThanOrEqual(51);
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    const res = await verify(admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, checked: rows.length, first_broken: null, head: { seq: rows.length } });
  });

  it("reports exactly the row whose payload was changed, and verifies again once it is restored", async () => {
    const globex = await asUser("globexAdmin");
    const a = await actor("globexAdmin");
    const link = await createPublicLink(a, await pocId("globex"));
    for (let i = 0; i < 3; i++) await updateGrant(a, link.id, { watermark: i % 2 === 0 });
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.tenantId, globexTenant)).orderBy(asc(auditEvents.chainSeq));
    const victim = events[1]!;
    expect((await verify(globex)).body.ok).toBe(true);

    await tamper(sql`update audit_events set payload = jsonb_set(payload, '{after,watermark}', 'false') where id = ${victim.id}`);
    const broken = await verify(globex);
    expect(broken.body.ok).toBe(false);
    expect(broken.body.first_broken).toMatchObject({ id: String(victim.id), seq: Number(victim.chainSeq), reason: "altered" });

    await tamper(sql`update audit_events set payload = ${JSON.stringify(victim.payload)}::jsonb where id = ${victim.id}`);
    expect((await verify(globex)).body).toMatchObject({ ok: true, first_broken: null });
    // Acme's chain is its own: Globex's tampering never showed there.
    expect((await verify(admin)).body.ok).toBe(true);
  });

  it("reports a removed row at the row after it, and a removed last row against the head", async () => {
    const globex = await asUser("globexAdmin");
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.tenantId, globexTenant)).orderBy(asc(auditEvents.chainSeq));
    const [middle, next] = [events[1]!, events[2]!];
    await tamper(sql`delete from audit_events where id = ${middle.id}`);
    expect((await verify(globex)).body.first_broken).toMatchObject({ id: String(next.id), reason: "gap" });
    await getDb().insert(auditEvents).values(middle);
    expect((await verify(globex)).body.ok).toBe(true);

    const last = events[events.length - 1]!;
    await tamper(sql`delete from audit_events where id = ${last.id}`);
    expect((await verify(globex)).body.first_broken).toMatchObject({ reason: "head-mismatch", seq: Number(last.chainSeq) });
    await getDb().insert(auditEvents).values(last);
    expect((await verify(globex)).body.ok).toBe(true);
  });

  it("refuses a row written around the chain, and still refuses updates and deletes", async () => {
    await expect(
      getDb().insert(auditEvents).values({ tenantId: acmeTenant, actorType: "system", action: "forged", subjectType: "x", payload: {} }),
    ).rejects.toThrow();
    await expect(getDb().execute(sql`update audit_events set action = 'x' where tenant_id = ${acmeTenant}`)).rejects.toThrow();
    await expect(getDb().execute(sql`delete from audit_events where tenant_id = ${acmeTenant}`)).rejects.toThrow();
  });
});

describe("GET /api/v1/audit-events", () => {
  it("returns every row exactly once across pages while new rows are inserted", async () => {
    const before = await getDb().select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.tenantId, acmeTenant));
    const a = await actor("acmeAdmin");
    const link = (await list(admin, "?action=grant.created&limit=1")).body.data[0].subject.id as string;
    const seen: string[] = [];
    let next: string | null = null;
    let page = 0;
    do {
      const res = await list(admin, `?limit=7${next ? `&cursor=${encodeURIComponent(next)}` : ""}`);
      expect(res.status).toBe(200);
      if (page === 0) expect(res.body.data.length).toBe(7);
      seen.push(...res.body.data.map((e: { id: string }) => e.id));
      next = res.body.next;
      // New events land between pages; they are newer than the cursor and never shift it.
      if (page++ < 4) await updateGrant(a, link, { actions: ["view"] }).catch(() => createGrant(a, { subject_type: "poc", subject_id: link, principal_type: "role", principal_id: "executive", actions: ["view"] }));
    } while (next);
    const expected = before.map((r) => String(r.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => expected.includes(id)).sort()).toEqual(expected.sort());
  });

  it("filters by POC, action prefix, actor and date range", async () => {
    const contoso = await pocId("contoso");
    const byPoc = await list(admin, `?poc_id=${contoso}&limit=200`);
    expect(byPoc.body.data.length).toBeGreaterThan(0);
    expect(byPoc.body.data.every((e: any) => e.poc.id === contoso && e.poc.title === "Contoso SSO rollout")).toBe(true);
    const created = await list(admin, "?action=grant.created&limit=200");
    expect(created.body.data.every((e: any) => e.action === "grant.created")).toBe(true);
    const prefixed = await list(admin, "?action=grant.*&limit=200");
    expect(prefixed.body.data.length).toBeGreaterThan(created.body.data.length);
    const adminId = (await actor("acmeAdmin")).userId;
    const mine = await list(admin, `?actor_type=user&actor_id=${adminId}&limit=5`);
    expect(mine.body.data.every((e: any) => e.actor.user_id === adminId && e.actor.name)).toBe(true);
    const future = await list(admin, "?from=2099-01-01");
    expect(future.body.data).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await list(admin, `?from=${today}&to=${today}&limit=1`)).body.data.length).toBe(1);
    const update = (await list(admin, "?action=grant.updated&limit=1")).body.data[0];
    expect(update.payload).toHaveProperty("before");
    expect(update.payload).toHaveProperty("after");
    expect(update.chain.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rejects bad filters and forged cursors with the failing field", async () => {
    const res = await list(admin, "?cursor=not-a-cursor");
    expectProblem(res, 422, "request/invalid");
    expect(problemFields(res)).toEqual(["cursor"]);
    expect(problemFields(await list(admin, "?from=yesterday&poc_id=1"))).toEqual(expect.arrayContaining(["query.from", "query.poc_id"]));
    expect(problemFields(await list(admin, "?tenant_id=x"))).toHaveLength(1);
  });

  it("is for tenant admins: members and executives get 403, strangers 401, tokens act as their admin", async () => {
    for (const key of ["acmeMark", "acmeExec"] as const) {
      const caller = await asUser(key);
      expectProblem(await list(caller), 403, "auth/forbidden");
      expectProblem(await verify(caller), 403, "auth/forbidden");
      expectProblem(await caller(exportRoute.GET as never, { path: "/api/v1/audit-events/export.csv" }), 403, "auth/forbidden");
    }
    expectProblem(await list(callerWith({})), 401, "auth/unauthorized");
    const token = await asToken("acmeAdmin");
    const res = await list(token, "?limit=200");
    expect(res.status).toBe(200);
    expect(res.body.data.every((e: any) => e.poc === null || e.poc.title !== "Globex warehouse robotics trial")).toBe(true);
  });
});

describe("CSV export", () => {
  it("downloads the filtered log with formula-safe cells and hashes an auditor can check offline", async () => {
    const a = await actor("acmeAdmin");
    const { createPoc } = await import("@/lib/pocs/service");
    const poc = await createPoc(a, { title: "=HYPERLINK(\"http://evil.example\")", customer: "", description: "", objectives: "" } as never);
    await createGrant(a, { subject_type: "poc", subject_id: poc.id, principal_type: "role", principal_id: "member", actions: ["view"] });

    const all = await admin(exportRoute.GET as never, { path: "/api/v1/audit-events/export.csv" });
    expect(all.status).toBe(200);
    expect(all.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(all.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows: Record<string, string>[] = parse(all.body, { columns: true });
    const dangerous = rows.find((r) => r.poc_id === poc.id)!;
    expect(dangerous.poc_title).toBe("'=HYPERLINK(\"http://evil.example\")");

    // The README's offline check: oldest first, each hash = SHA-256(prev_hash + record),
    // and each row points at the one before it.
    const chain = rows.filter((r) => r.record).reverse();
    expect(chain.length).toBeGreaterThan(50);
    let prev = "0".repeat(64);
    for (const r of chain) {
      expect(r.prev_hash).toBe(prev);
      expect(createHash("sha256").update(r.prev_hash! + r.record!).digest("hex")).toBe(r.hash);
      expect(JSON.parse(r.record!).seq).toBe(Number(r.chain_seq));
      prev = r.hash!;
    }
    expect((await verify(admin)).body.head.hash).toBe(prev);

    const filtered = await admin(exportRoute.GET as never, { path: `/api/v1/audit-events/export.csv?poc_id=${poc.id}` });
    const filteredRows: Record<string, string>[] = parse(filtered.body, { columns: true });
    expect(filteredRows.map((r) => r.action)).toEqual(["grant.created"]);
    const stored = await getDb().select().from(auditEvents).where(and(eq(auditEvents.pocId, poc.id)));
    expect(filteredRows[0]!.hash).toBe(stored[0]!.hash);
  });
});
