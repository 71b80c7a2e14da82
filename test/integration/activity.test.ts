/**
 * Link and grant activity: the access log behind Manage Share Link, "Who has access" and
 * Settings → Shared links; view notices through the outbox; retention of the access log.
 */
import { desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as publicView from "@/app/api/v1/public/pocs/[token]/route";
import * as viewsRoute from "@/app/api/v1/sharing/grants/[grant_id]/views/route";
import * as grantsRoute from "@/app/api/v1/sharing/grants/route";
import { getDb } from "@/db/client";
import { auditEvents, emailOutbox, grantViewNotices, shareViews } from "@/db/schema";
import { sweepAccessLog } from "@/lib/activity/service";
import { CLIENT_IP_HEADER } from "@/lib/api/client-ip";
import { SHARE_PASS_COOKIE } from "@/lib/sharing/http";
import { flushShareViews } from "@/lib/sharing/access-log";
import { identifyViewer } from "@/lib/sharing/public-service";
import { createGrant, createPublicLink, listTenantLinks, revokeGrant, updateGrant } from "@/lib/sharing/service";
import { actor, asUser, call, expectProblem, pocId, problemFields, seed } from "../helpers";
import { sharePage } from "../share-page";

vi.mock("next/headers", async () => (await import("../next-request")).nextHeadersMock);

const views = async (key: Parameters<typeof asUser>[0], grantId: string, query = "") =>
  (await asUser(key))(viewsRoute.GET as never, { path: `/api/v1/sharing/grants/${grantId}/views${query}`, params: { grant_id: grantId } });

/** A guest opens the link page as a browser would: past the email gate, then the page. */
async function guestViews(token: string, email: string, times: number, userAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0") {
  const req = { token, pass: null, ip: "203.0.113.7", userAgent };
  const pass = await identifyViewer(req, email);
  for (let i = 0; i < times; i++) {
    const res = await sharePage(token, { cookie: `${SHARE_PASS_COOKIE}=${pass.sealed}`, headers: { "user-agent": userAgent, [CLIENT_IP_HEADER]: req.ip } });
    expect(res.status).toBe(200);
  }
  await flushShareViews();
}

beforeAll(seed);

describe("GET /api/v1/sharing/grants/{id}/views", () => {
  it("counts views and unique viewers, and lists each view with the gate email, IP and browser, newest first", async () => {
    const admin = await actor("acmeAdmin");
    const link = await createPublicLink(admin, await pocId("northwind"), { watermark: true });
    await guestViews(link.access_token, "guest@customer.example", 2);
    await guestViews(link.access_token, "other@customer.example", 1, "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15");

    const res = await views("acmeAdmin", link.id);
    expect(res.status).toBe(200);
    expect(res.body.summary).toMatchObject({ views: 3, unique_viewers: 2, exports: 0 });
    expect(Date.parse(res.body.summary.last_viewed_at)).toBeGreaterThan(Date.now() - 60_000);
    const kinds = res.body.data.map((v: any) => [v.kind, v.viewer.email]);
    expect(kinds).toEqual([
      ["view", "other@customer.example"],
      ["gate", "other@customer.example"],
      ["view", "guest@customer.example"],
      ["view", "guest@customer.example"],
      ["gate", "guest@customer.example"],
    ]);
    expect(res.body.data[0]).toMatchObject({ ip: "203.0.113.7", browser: "Safari 17 on macOS", viewer: { kind: "email" } });
    expect(res.body.data[2].browser).toBe("Firefox 128 on Linux");

    // The grant list carries the same totals for "Who has access" and Manage Share Link.
    const list = await (await asUser("acmeAdmin"))(grantsRoute.GET as never, { path: `/api/v1/sharing/grants?subject_type=poc&subject_id=${await pocId("northwind")}` });
    expect(list.body.data.find((g: any) => g.id === link.id).activity).toEqual(res.body.summary);
  });

  it("logs a read of the public JSON API like a page view, with the caller's IP and browser", async () => {
    const admin = await actor("acmeAdmin");
    const link = await createPublicLink(admin, await pocId("fabrikam"), {});
    const res = await call(publicView.GET as never, { params: { token: link.access_token }, headers: { "user-agent": "curl/8.5.0", [CLIENT_IP_HEADER]: "198.51.100.4" } });
    expect(res.status).toBe(200);
    await flushShareViews();
    const log = await views("acmeAdmin", link.id);
    expect(log.body.summary).toMatchObject({ views: 1, unique_viewers: 1 });
    expect(log.body.data).toEqual([expect.objectContaining({ kind: "view", ip: "198.51.100.4", viewer: expect.objectContaining({ kind: "anonymous" }) })]);
  });

  it("pages through the log with an opaque cursor, each view once", async () => {
    const admin = await actor("acmeAdmin");
    const link = (await listTenantLinks(admin)).find((l) => l.poc_title === "Northwind data platform pilot")!;
    const first = await views("acmeAdmin", link.id, "?limit=2");
    expect(first.body.data).toHaveLength(2);
    expect(first.body.next).toEqual(expect.any(String));
    const second = await views("acmeAdmin", link.id, `?limit=2&cursor=${encodeURIComponent(first.body.next)}`);
    const third = await views("acmeAdmin", link.id, `?limit=2&cursor=${encodeURIComponent(second.body.next)}`);
    const ids = [...first.body.data, ...second.body.data, ...third.body.data].map((v: any) => v.id);
    expect(new Set(ids).size).toBe(5);
    expect(third.body.next).toBeNull();
    const bad = await views("acmeAdmin", link.id, "?cursor=abc");
    expectProblem(bad, 422, "request/invalid");
    expect(problemFields(bad)).toEqual(["cursor"]);
  });

  it("is for those who manage the grant: members and viewers get 403, other tenants 404", async () => {
    const admin = await actor("acmeAdmin");
    const link = (await listTenantLinks(admin)).find((l) => l.poc_title === "Northwind data platform pilot")!;
    expectProblem(await views("acmeMark", link.id), 403, "auth/forbidden");
    expectProblem(await views("globexAdmin", link.id), 404, "resource/not-found");
    const mine = await createGrant(await actor("acmeMark"), { subject_type: "poc", subject_id: await pocId("contoso"), principal_type: "role", principal_id: "executive", actions: ["view"] });
    expect((await views("acmeMark", mine.id)).status).toBe(200);
    expectProblem(await views("acmeExec", mine.id), 403, "auth/forbidden");
  });
});

describe("Settings → Shared links", () => {
  it("keeps expired and revoked links, with when and by whom they ended", async () => {
    const admin = await actor("acmeAdmin");
    const contoso = await pocId("contoso");
    const link = await createPublicLink(admin, contoso);
    await revokeGrant(admin, link.id);
    const revoked = await listTenantLinks(admin, "revoked");
    expect(revoked.find((l) => l.id === link.id)).toMatchObject({ state: "revoked", ended: { reason: "revoked", by: "Alice Admin" }, activity: { views: 0 } });
    expect((await listTenantLinks(admin, "live")).some((l) => l.id === link.id)).toBe(false);

    const soon = await createPublicLink(admin, contoso, { expires_at: new Date(Date.now() + 1500).toISOString() });
    await expect.poll(async () => (await listTenantLinks(admin, "expired")).find((l) => l.id === soon.id)?.ended?.reason, { timeout: 10_000 }).toBe("expired");
    expect((await listTenantLinks(admin, "all")).map((l) => l.id)).toEqual(expect.arrayContaining([link.id, soon.id]));
    await expect(listTenantLinks(await actor("acmeMark"))).rejects.toThrow(/tenant admins/);
  });
});

describe("view notices", () => {
  const noticesTo = async (to: string) => (await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, to)).orderBy(desc(emailOutbox.createdAt))).filter((m) => m.subject.startsWith("New view:"));

  it("emails the creator on the first view only, or on every view at most once an hour", async () => {
    const admin = await actor("globexAdmin");
    const link = await createPublicLink(admin, await pocId("globex"), { watermark: true, notify_views: "first" });
    await guestViews(link.access_token, "viewer@customer.example", 2);
    await guestViews(link.access_token, "second@customer.example", 1);
    const first = await noticesTo("admin@globex.test");
    expect(first).toHaveLength(1);
    expect(first[0]!.textBody).toContain("viewer@customer.example opened your public link to “Globex warehouse robotics trial”");

    await updateGrant(admin, link.id, { notify_views: "every" });
    await getDb().delete(grantViewNotices).where(eq(grantViewNotices.grantId, link.id));
    await guestViews(link.access_token, "third@customer.example", 1);
    await guestViews(link.access_token, "fourth@customer.example", 1);
    expect(await noticesTo("admin@globex.test")).toHaveLength(2);
    // An hour later the next view gets its email.
    await getDb().update(grantViewNotices).set({ lastSentAt: sql`now() - interval '61 minutes'` }).where(eq(grantViewNotices.grantId, link.id));
    await guestViews(link.access_token, "fifth@customer.example", 1);
    const all = await noticesTo("admin@globex.test");
    expect(all).toHaveLength(3);
    expect(all[0]!.textBody).toContain("at most one email per hour");

    // The setting is part of the grant's audited payload.
    const [event] = await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, link.id)).orderBy(desc(auditEvents.id)).limit(1);
    expect((event!.payload as any).after.notify_views).toBe("every");
  });
});

describe("retention", () => {
  it("deletes access-log rows older than ACCESS_LOG_RETENTION_DAYS and keeps newer ones and every audit row", async () => {
    const admin = await actor("acmeAdmin");
    const link = (await listTenantLinks(admin)).find((l) => l.poc_title === "Northwind data platform pilot")!;
    await getDb().insert(shareViews).values([
      { grantId: link.id, viewerEmail: "old@customer.example", viewedAt: new Date(Date.now() - 366 * 86_400_000) },
      { grantId: link.id, viewerEmail: "recent@customer.example", viewedAt: new Date(Date.now() - 364 * 86_400_000) },
    ]);
    const auditBefore = (await getDb().select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n;
    expect(await sweepAccessLog()).toBe(1);
    const emails = (await getDb().select().from(shareViews).where(eq(shareViews.grantId, link.id))).map((v) => v.viewerEmail);
    expect(emails).toContain("recent@customer.example");
    expect(emails).not.toContain("old@customer.example");
    expect((await getDb().select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n).toBe(auditBefore);
  });
});
