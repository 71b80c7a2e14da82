import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as publicLinkRoute from "@/app/api/v1/pocs/[poc_id]/public-link/route";
import * as publicViewRoute from "@/app/api/v1/public/pocs/[token]/route";
import * as grantsRoute from "@/app/api/v1/sharing/grants/route";
import * as grantRoute from "@/app/api/v1/sharing/grants/[grant_id]/route";
import { getDb } from "@/db/client";
import { auditEvents, idempotencyKeys, pocs, sharingGrants } from "@/db/schema";
import { chainedEvent } from "@/lib/audit/service";
import { withIdempotency } from "@/lib/idempotency/service";
import { executeRows } from "@/lib/db/repo";
import { revokeGrantAudited } from "@/lib/sharing/repo";
import { createApiToken } from "@/lib/tokens/service";
import { actor, APP_ORIGIN, call, seed, sessionCookie, type DemoKey } from "../helpers";
import { sharePage } from "../share-page";

vi.mock("next/headers", async () => (await import("../next-request")).nextHeadersMock);

let pocId: string; // Mark's "Contoso SSO rollout" in Acme
let otherPocId: string; // Mia's POC

async function as(key: DemoKey, extra: Record<string, string> = {}) {
  return { cookie: await sessionCookie(key), origin: APP_ORIGIN, ...extra };
}

const linkPath = (id: string) => `/api/v1/pocs/${id}/public-link`;
const createLink = async (key: DemoKey, id = pocId, headers: Record<string, string> = {}) =>
  call(publicLinkRoute.POST, { method: "POST", path: linkPath(id), params: { poc_id: id }, headers: await as(key, headers) });
const deleteLink = async (key: DemoKey, id = pocId) => call(publicLinkRoute.DELETE, { method: "DELETE", params: { poc_id: id }, headers: await as(key) });
const viewJson = (token: string) => call(publicViewRoute.GET as never, { params: { token } });
const viewPage = (token: string) => sharePage(token);
const auditCount = async (subjectId: string, action: string) =>
  (await getDb().select().from(auditEvents).where(and(eq(auditEvents.subjectId, subjectId), eq(auditEvents.action, action)))).length;

beforeAll(async () => {
  await seed();
  const rows = await getDb().select().from(pocs);
  pocId = rows.find((p) => p.title === "Contoso SSO rollout")!.id;
  otherPocId = rows.find((p) => p.title === "Fabrikam analytics evaluation")!.id;
});

describe("public link lifecycle", () => {
  it("creates a link whose token opens a read-only, allowlisted view, and revocation holds on the next request", async () => {
    const created = await createLink("acmeAdmin");
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(["access_token", "access_url", "created_at", "created_by", "id", "poc_id"]);
    expect(created.body.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.body.access_url).toBe(`${APP_ORIGIN}/share/${created.body.access_token}`);
    expect(created.body.poc_id).toBe(pocId);

    // Stored only as a hash plus a sealed copy: no column contains the token itself.
    const [row] = await getDb().select().from(sharingGrants).where(eq(sharingGrants.id, created.body.id));
    expect(JSON.stringify(row)).not.toContain(created.body.access_token);
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const view = await viewJson(created.body.access_token);
    expect(view.status).toBe(200);
    expect(view.headers.get("referrer-policy")).toBe("no-referrer");
    expect(view.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(view.headers.get("cache-control")).toBe("private, no-store");
    expect(view.body.title).toBe("Contoso SSO rollout");
    expect(view.body.task_groups[0].tasks[0]).toEqual({ title: "Exchange SAML metadata", status: "done", assignee_name: "Mark Member", due_date: "2026-11-18" });
    const serialized = JSON.stringify(view.body);
    expect(serialized).not.toMatch(/@acme\.test|tenant|"id"/);

    // What the page renders (its HTML and RSC payload are checked in e2e/public/share-page.spec.ts).
    const page = await viewPage(created.body.access_token);
    expect(page.status).toBe(200);
    expect(page.result).toMatchObject({ kind: "view", view: { title: "Contoso SSO rollout", organisation: "Acme" } });
    expect(JSON.stringify(page.result)).not.toMatch(/@acme\.test|tenant_id|"id":"[0-9a-f-]{36}"/);

    // Audit: one row for the create, none carrying the token.
    expect(await auditCount(created.body.id, "grant.created")).toBe(1);
    const audit = await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, created.body.id));
    expect(JSON.stringify(audit)).not.toContain(created.body.access_token);

    expect((await deleteLink("acmeAdmin")).status).toBe(204);
    expect(await auditCount(created.body.id, "grant.revoked")).toBe(1);
    // Revoking it again changes nothing, so it writes no second audit row.
    const again404 = await call(grantRoute.DELETE, { method: "DELETE", params: { grant_id: created.body.id }, headers: await as("acmeAdmin") });
    expect(again404.status).toBe(404);
    expect(await auditCount(created.body.id, "grant.revoked")).toBe(1);
    const after = await viewJson(created.body.access_token);
    expect(after.status).toBe(403);
    expect(after.body.code).toBe("share/revoked");
    const afterPage = await viewPage(created.body.access_token);
    expect(afterPage.status).toBe(403);
    expect(afterPage.result).toEqual({ kind: "error", code: "share/revoked" });
    // The row stays for audit.
    const [kept] = await getDb().select().from(sharingGrants).where(eq(sharingGrants.id, created.body.id));
    expect(kept!.revokedAt).not.toBeNull();

    // A new link gets a new token.
    const again = await createLink("acmeAdmin");
    expect(again.status).toBe(201);
    expect(again.body.access_token).not.toBe(created.body.access_token);
    expect((await deleteLink("acmeAdmin")).status).toBe(204);
  });

  it("answers 409 with the existing link's id while a live link exists, and GET returns it", async () => {
    const first = await createLink("acmeAdmin");
    const second = await createLink("acmeAdmin");
    expect(second.status).toBe(409);
    expect(second.body.code).toBe("share/link-exists");
    expect(second.body.existing_grant_id).toBe(first.body.id);
    const got = await call(publicLinkRoute.GET, { params: { poc_id: pocId }, headers: await as("acmeAdmin") });
    expect(got.body.id).toBe(first.body.id);
    expect(got.body.access_token).toBe(first.body.access_token);
    await deleteLink("acmeAdmin");
    const none = await call(publicLinkRoute.GET, { params: { poc_id: pocId }, headers: await as("acmeAdmin") });
    expect(none.status).toBe(404);
  });

  it("revokes the grant as it was read: a change in between makes the revoke miss, so the audit row never shows an older grant", async () => {
    const created = await createLink("acmeAdmin", otherPocId);
    const [read] = await getDb().select().from(sharingGrants).where(eq(sharingGrants.id, created.body.id));
    const [{ version }] = (await executeRows<{ version: string }>(getDb(), sql`select xmin::text as version from sharing_grants where id = ${created.body.id}`)) as [{ version: string }];
    const admin = await actor("acmeAdmin");
    const patched = await call(grantRoute.PATCH, { method: "PATCH", params: { grant_id: created.body.id }, body: { actions: ["view", "download"] }, headers: await as("acmeAdmin") });
    expect(patched.status).toBe(200);
    const staleEvent = chainedEvent(admin, { tenantId: read!.tenantId, action: "grant.revoked", subjectType: "sharing_grant", subjectId: read!.id, payload: { actions: read!.actions } });
    expect(await revokeGrantAudited(read!.id, version, admin.userId, new Date(), staleEvent)).toBe(false);
    expect(await auditCount(created.body.id, "grant.revoked")).toBe(0);
    // Through the service it reads again and revokes what is there now.
    expect((await deleteLink("acmeAdmin", otherPocId)).status).toBe(204);
    const [revoked] = await getDb().select().from(auditEvents).where(and(eq(auditEvents.subjectId, created.body.id), eq(auditEvents.action, "grant.revoked")));
    expect(revoked!.payload).toMatchObject({ actions: ["view", "download"], state: "revoked" });
  });

  it("keeps exactly one live link under 20 concurrent creates", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => createLink("acmeAdmin", otherPocId)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const live = await getDb()
      .select()
      .from(sharingGrants)
      .where(and(eq(sharingGrants.subjectId, otherPocId), eq(sharingGrants.principalType, "link")));
    expect(live.filter((g) => g.revokedAt === null)).toHaveLength(1);
    // The insert and its audit row are one statement: the 19 refused inserts left no audit row.
    const createdAudits = await getDb().select().from(auditEvents).where(and(eq(auditEvents.pocId, otherPocId), eq(auditEvents.action, "grant.created")));
    expect(createdAudits.map((a) => a.subjectId).sort()).toEqual(live.map((g) => g.id).sort());
    await deleteLink("acmeAdmin", otherPocId);
  });
});

describe("who may manage links", () => {
  it.each([["acmeMark"], ["acmeExec"], ["acmeMia"]] as const)("%s (same tenant, not admin) gets 403 on create, read and delete", async (key) => {
    expect((await createLink(key)).status).toBe(403);
    expect((await call(publicLinkRoute.GET, { params: { poc_id: pocId }, headers: await as(key) })).status).toBe(403);
    expect((await deleteLink(key)).status).toBe(403);
    const viaGrantApi = await call(grantsRoute.POST, {
      method: "POST",
      body: { subject_type: "poc", subject_id: pocId, principal_type: "link", actions: ["view"] },
      headers: await as(key),
    });
    expect(viaGrantApi.status).toBe(403);
  });

  it("another tenant's admin and API token get 404", async () => {
    expect((await createLink("globexAdmin")).status).toBe(404);
    const token = (await createApiToken(await actor("globexAdmin"), { name: "globex" })).token;
    const res = await call(publicLinkRoute.POST, { method: "POST", params: { poc_id: pocId }, headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(404);
    const created = await createLink("acmeAdmin");
    const read = await call(grantRoute.GET, { params: { grant_id: created.body.id }, headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(404);
    const del = await call(grantRoute.DELETE, { method: "DELETE", params: { grant_id: created.body.id }, headers: { authorization: `Bearer ${token}` } });
    expect(del.status).toBe(404);
    await deleteLink("acmeAdmin");
  });
});

describe("grant API for link principals", () => {
  it("creates, lists, reads and revokes a link grant; edit/share are refused with 422", async () => {
    const bad = await call(grantsRoute.POST, {
      method: "POST",
      body: { subject_type: "poc", subject_id: pocId, principal_type: "link", actions: ["view", "edit"] },
      headers: await as("acmeAdmin"),
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe("actions");

    const created = await call(grantsRoute.POST, {
      method: "POST",
      body: { subject_type: "poc", subject_id: pocId, principal_type: "link", actions: ["view"] },
      headers: await as("acmeAdmin"),
    });
    expect(created.status).toBe(201);
    expect(created.body.link_url).toMatch(new RegExp(`^${APP_ORIGIN}/share/[A-Za-z0-9_-]{43}$`));
    expect(created.body).not.toHaveProperty("token_hash");

    const listed = await call(grantsRoute.GET, { path: `/api/v1/sharing/grants?subject_type=poc&subject_id=${pocId}`, headers: await as("acmeAdmin") });
    expect(listed.body.data.map((g: { id: string }) => g.id)).toContain(created.body.id);

    const got = await call(grantRoute.GET, { params: { grant_id: created.body.id }, headers: await as("acmeAdmin") });
    expect(got.body.state).toBe("active");

    expect((await call(grantRoute.DELETE, { method: "DELETE", params: { grant_id: created.body.id }, headers: await as("acmeAdmin") })).status).toBe(204);
    expect((await call(grantRoute.DELETE, { method: "DELETE", params: { grant_id: created.body.id }, headers: await as("acmeAdmin") })).status).toBe(404);
    const token = created.body.link_url.split("/").pop();
    expect((await viewJson(token)).body.code).toBe("share/revoked");
  });
});

describe("Idempotency-Key", () => {
  it("replays the stored response, refuses another body with 422, and scopes keys per caller", async () => {
    const headers = { "idempotency-key": "key-1" };
    const first = await createLink("acmeAdmin", pocId, headers);
    const replay = await createLink("acmeAdmin", pocId, headers);
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body.id).toBe(first.body.id);

    // Same key, other request (another POC) → 422.
    const reused = await createLink("acmeAdmin", otherPocId, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe("idempotency/key-reused");

    // The stored response is sealed: the token is not readable in the table.
    const keys = await getDb().select().from(idempotencyKeys);
    expect(JSON.stringify(keys)).not.toContain(first.body.access_token);

    // Another caller's key of the same name is independent (different scope).
    const token = (await createApiToken(await actor("acmeAdmin"), { name: "ci" })).token;
    const other = await call(publicLinkRoute.POST, { method: "POST", path: linkPath(pocId), params: { poc_id: pocId }, headers: { authorization: `Bearer ${token}`, ...headers } });
    expect(other.status).toBe(409); // a real second attempt, not a replay of the admin's response
    await deleteLink("acmeAdmin");
  });

  it("answers 409 idempotency/in-flight while the first request holds the key, then replays", async () => {
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const request = { method: "POST", path: "/x", body: { a: 1 } };
    const first = withIdempotency("test-scope", "slow-key", request, async () => {
      await gate;
      return { status: 201, body: { done: true } };
    });
    // Let the first request claim the key before the duplicate arrives.
    await expect.poll(async () => (await getDb().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, "slow-key"))).length).toBe(1);
    await expect(withIdempotency("test-scope", "slow-key", request, async () => ({ status: 201, body: { second: true } }))).rejects.toMatchObject({
      code: "idempotency/in-flight",
      status: 409,
    });
    finish();
    expect(await first).toEqual({ status: 201, body: { done: true }, replayed: false });
    expect(await withIdempotency("test-scope", "slow-key", request, async () => ({ status: 500, body: null }))).toEqual({ status: 201, body: { done: true }, replayed: true });
  });
});

describe("tokens that are not tokens", () => {
  it.each(["", ":token", "null", "0", "x".repeat(300), "A".repeat(43), "../../etc/passwd"])("%j answers the same 404", async (token) => {
    const json = await viewJson(token);
    expect(json.status).toBe(404);
    expect(json.body.code).toBe("share/not-found");
    const page = await viewPage(token);
    expect(page.status).toBe(404);
    expect(page.result).toEqual({ kind: "error", code: "share/not-found" });
  });
});
