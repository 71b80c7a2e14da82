import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as publicLinkRoute from "@/app/api/v1/pocs/[poc_id]/public-link/route";
import * as publicComments from "@/app/api/v1/public/pocs/[token]/comments/route";
import * as publicExport from "@/app/api/v1/public/pocs/[token]/[export_file]/route";
import * as publicView from "@/app/api/v1/public/pocs/[token]/route";
import * as publicUnlock from "@/app/api/v1/public/pocs/[token]/unlock/route";
import * as grantRoute from "@/app/api/v1/sharing/grants/[grant_id]/route";
import { getDb } from "@/db/client";
import { auditEvents, comments, pocs, sharingGrants, shareViews } from "@/db/schema";
import { CLIENT_IP_HEADER } from "@/lib/api/client-ip";
import { flushShareViews } from "@/lib/sharing/access-log";
import { sweepExpiredGrants } from "@/lib/sharing/service";
import { getPoc } from "@/lib/pocs/service";
import { PublicPocView } from "@/lib/sharing/schemas";
import { actor, APP_ORIGIN, call, publicCommentsOf, publicViewOf, seed, sessionCookie } from "../helpers";
import { passCookieOf, shareForm, sharePage } from "../share-page";

vi.mock("next/headers", async () => (await import("../next-request")).nextHeadersMock);

const pocIds: Record<string, string> = {};
const admin = async () => ({ cookie: await sessionCookie("acmeAdmin"), origin: APP_ORIGIN });

/** Creates a fresh link on one of the demo POCs (revoking any live one first). */
async function link(title: string, options: Record<string, unknown> = {}) {
  const id = pocIds[title]!;
  await call(publicLinkRoute.DELETE, { method: "DELETE", params: { poc_id: id }, headers: await admin() });
  const res = await call(publicLinkRoute.POST, { method: "POST", path: `/api/v1/pocs/${id}/public-link`, params: { poc_id: id }, body: options, headers: await admin() });
  expect(res.status).toBe(201);
  return { grantId: res.body.id as string, token: res.body.access_token as string, pocId: id };
}

const fromIp = (ip: string, extra: Record<string, string> = {}) => ({ [CLIENT_IP_HEADER]: ip, ...extra });
const apiView = (token: string, pass?: string) => call(publicView.GET as never, { params: { token }, headers: pass ? { authorization: `Bearer ${pass}` } : {} });
const unlock = (token: string, body: Record<string, string>, ip = "203.0.113.1", pass?: string) =>
  call(publicUnlock.POST as never, { method: "POST", params: { token }, body, headers: fromIp(ip, pass ? { authorization: `Bearer ${pass}` } : {}) });
const page = (token: string, cookie?: string, ip = "198.51.100.7") => sharePage(token, { cookie, headers: fromIp(ip) });
function pageForm(token: string, fields: Record<string, string>, cookie?: string, ip = "198.51.100.7") {
  const { intent, ...rest } = fields;
  return shareForm(token, intent as "unlock" | "identify" | "comment", rest, { cookie, headers: fromIp(ip) });
}
const auditRows = async (grantId: string, action: string) =>
  getDb().select().from(auditEvents).where(and(eq(auditEvents.subjectId, grantId), eq(auditEvents.action, action)));

beforeAll(async () => {
  await seed();
  for (const p of await getDb().select().from(pocs)) pocIds[p.title] = p.id;
});

describe("password gate", () => {
  it("requires the password on the API and the page, and the right one opens both", async () => {
    const l = await link("Contoso SSO rollout", { password: "correct horse" });
    const [row] = await getDb().select().from(sharingGrants).where(eq(sharingGrants.id, l.grantId));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const locked = await apiView(l.token);
    expect(locked.status).toBe(401);
    expect(locked.body.code).toBe("share/password-required");
    expect(JSON.stringify(locked.body)).not.toContain("Contoso");
    const gate = await page(l.token);
    expect(gate.status).toBe(401);
    expect(gate.result).toEqual({ kind: "gate", gate: "password" });

    const wrong = await unlock(l.token, { password: "nope" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe("share/password-invalid");
    const right = await unlock(l.token, { password: "correct horse" });
    expect(right.status).toBe(200);
    expect((await apiView(l.token, right.body.access_token)).body.title).toBe("Contoso SSO rollout");

    const form = await pageForm(l.token, { intent: "unlock", password: "correct horse" });
    expect(form.redirect).toBe(`/share/${l.token}`);
    expect(form.setCookies).toHaveLength(1);
    expect(form.setCookies[0]!.options).toMatchObject({ path: `/share/${l.token}`, httpOnly: true, sameSite: "lax" });
    const opened = await page(l.token, passCookieOf(form));
    expect(opened.status).toBe(200);
    expect(opened.result).toMatchObject({ kind: "view", view: { title: "Contoso SSO rollout" } });
  });

  it("refuses the 6th attempt from one IP with 429 and Retry-After, before checking even a right password", async () => {
    const l = await link("Fabrikam analytics evaluation", { password: "right-password" });
    for (let i = 0; i < 5; i++) expect((await unlock(l.token, { password: `wrong-${i}` }, "192.0.2.50")).status).toBe(401);
    const sixth = await unlock(l.token, { password: "right-password" }, "192.0.2.50");
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe("share/rate-limited");
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(200);
    // Another address is counted separately.
    expect((await unlock(l.token, { password: "right-password" }, "192.0.2.51")).status).toBe(200);
    // The page says when to retry.
    const limitedPage = await pageForm(l.token, { intent: "unlock", password: "x" }, undefined, "192.0.2.50");
    expect(limitedPage.status).toBe(429);
    expect(Number(limitedPage.headers["retry-after"])).toBeGreaterThan(200);
    expect(limitedPage.result).toEqual({ retryAfterSeconds: expect.any(Number) });
  });

  it("caps attempts per link across many addresses", async () => {
    const l = await link("Northwind data platform pilot", { password: "right-password" });
    for (let i = 0; i < 50; i++) await unlock(l.token, { password: "wrong" }, `10.9.${Math.floor(i / 4)}.${i % 4}`);
    const fresh = await unlock(l.token, { password: "right-password" }, "10.200.0.1");
    expect(fresh.status).toBe(429);
  });

  it("binds a pass to its link and to the password version", async () => {
    const x = await link("Contoso SSO rollout", { password: "password-x" });
    const y = await link("Fabrikam analytics evaluation", { password: "password-y" });
    const passX = (await unlock(x.token, { password: "password-x" }, "203.0.113.9")).body.access_token;
    expect((await apiView(x.token, passX)).status).toBe(200);
    expect((await apiView(y.token, passX)).body.code).toBe("share/password-required");

    const changed = await call(grantRoute.PATCH, { method: "PATCH", params: { grant_id: x.grantId }, body: { password: "password-x2" }, headers: await admin() });
    expect(changed.status).toBe(200);
    expect(changed.body.has_password).toBe(true);
    expect(changed.body).not.toHaveProperty("password");
    expect((await apiView(x.token, passX)).body.code).toBe("share/password-required");

    const removed = await call(grantRoute.PATCH, { method: "PATCH", params: { grant_id: x.grantId }, body: { password: null }, headers: await admin() });
    expect(removed.body.has_password).toBe(false);
    expect((await apiView(x.token)).status).toBe(200);
  });
});

describe("expiry", () => {
  it("refuses a past expires_at with 422", async () => {
    const id = pocIds["Contoso SSO rollout"]!;
    await call(publicLinkRoute.DELETE, { method: "DELETE", params: { poc_id: id }, headers: await admin() });
    const res = await call(publicLinkRoute.POST, { method: "POST", params: { poc_id: id }, body: { expires_at: "2020-01-01T00:00:00Z" }, headers: await admin() });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe("expires_at");
  });

  it("refuses an expired link on every request, tombstones it once with an audit row, and frees the POC for a new link", async () => {
    const l = await link("Contoso SSO rollout", { expires_at: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await apiView(l.token)).status).toBe(200);
    // Time passes: move the expiry into the past.
    await getDb().update(sharingGrants).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sharingGrants.id, l.grantId));
    const api = await apiView(l.token);
    expect(api.status).toBe(403);
    expect(api.body.code).toBe("share/expired");
    const html = await page(l.token);
    expect(html.status).toBe(403);
    expect(html.result).toEqual({ kind: "error", code: "share/expired" });

    expect(await sweepExpiredGrants()).toBeGreaterThanOrEqual(1);
    expect(await sweepExpiredGrants()).toBe(0);
    const [row] = await getDb().select().from(sharingGrants).where(eq(sharingGrants.id, l.grantId));
    expect(row!.tombstonedAt).not.toBeNull();
    const expiredAudit = await auditRows(l.grantId, "grant.expired");
    expect(expiredAudit).toHaveLength(1);
    expect(expiredAudit[0]!.actorType).toBe("system");

    const again = await call(publicLinkRoute.POST, { method: "POST", params: { poc_id: l.pocId }, body: {}, headers: await admin() });
    expect(again.status).toBe(201);
  });

  it("a new link on a POC whose link expired before the sweep reached it: the old one is tombstoned, with its audit row, then 201", async () => {
    const l = await link("Contoso SSO rollout", { expires_at: new Date(Date.now() + 3_600_000).toISOString() });
    await getDb().update(sharingGrants).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sharingGrants.id, l.grantId));
    const again = await call(publicLinkRoute.POST, { method: "POST", params: { poc_id: l.pocId }, body: {}, headers: await admin() });
    expect(again.status).toBe(201);
    const [old] = await getDb().select().from(sharingGrants).where(eq(sharingGrants.id, l.grantId));
    expect(old!.tombstonedAt).not.toBeNull();
    expect(await auditRows(l.grantId, "grant.expired")).toHaveLength(1);
    // A live link that has not expired still blocks a second one.
    const third = await call(publicLinkRoute.POST, { method: "POST", params: { poc_id: l.pocId }, body: {}, headers: await admin() });
    expect(third.status).toBe(409);
    expect(third.body.code).toBe("share/link-exists");
  });
});

describe("watermark", () => {
  it("asks for an email first, logs it, then tiles it over the page", async () => {
    const l = await link("Northwind data platform pilot", { watermark: true });
    const gate = await page(l.token);
    expect(gate.status).toBe(401);
    expect(gate.result).toEqual({ kind: "gate", gate: "email" });
    expect((await apiView(l.token)).body.code).toBe("share/email-required");

    const bad = await pageForm(l.token, { intent: "identify", email: "not-an-email" });
    expect(bad.status).toBe(422);
    expect(bad.result?.message).toBe("Enter a valid email address");
    expect(bad.setCookies).toEqual([]);

    const ok = await pageForm(l.token, { intent: "identify", email: "viewer@customer.example" }, undefined, "198.51.100.23");
    expect(ok.redirect).toBe(`/share/${l.token}`);
    const views = await getDb().select().from(shareViews).where(eq(shareViews.grantId, l.grantId));
    expect(views.some((v) => v.viewerEmail === "viewer@customer.example" && v.ip === "198.51.100.23")).toBe(true);

    // The page tiles this email (e2e/public/share-links.spec.ts checks the overlay itself).
    const viewed = await page(l.token, passCookieOf(ok));
    expect(viewed.status).toBe(200);
    expect(viewed.result).toMatchObject({ kind: "view", viewerEmail: "viewer@customer.example" });
  });
});

describe("actions", () => {
  it("a view-only link shows no comments, no download and refuses both", async () => {
    const l = await link("Fabrikam analytics evaluation");
    const view = await apiView(l.token);
    expect(view.body.actions).toEqual(["view"]);
    expect(view.body).not.toHaveProperty("comments");
    const html = await page(l.token);
    expect(html.result).toMatchObject({ kind: "view", actions: ["view"], view: { comments: null } });
    const post = await call(publicComments.POST as never, { method: "POST", params: { token: l.token }, body: { name: "Eve", email: "eve@x.example", body: "hi" } });
    expect(post.status).toBe(403);
    expect(post.body.code).toBe("auth/forbidden");
    expect((await call(publicExport.GET as never, { params: { token: l.token, export_file: "export.csv" } })).status).toBe(403);
    const formPost = await pageForm(l.token, { intent: "comment", name: "Eve", email: "eve@x.example", body: "hi" });
    expect(formPost.status).toBe(403);
    const rows = await getDb().select().from(comments).where(eq(comments.body, "hi"));
    expect(rows).toHaveLength(0);
  });

  it("with comment and download: threads without emails, guest comments as text, CSV of tasks", async () => {
    const l = await link("Northwind data platform pilot", { actions: ["view", "comment", "download"] });
    const view = await apiView(l.token);
    expect(view.body.comments.length).toBeGreaterThan(0);
    expect(JSON.stringify(view.body.comments)).not.toMatch(/@acme\.test/);

    const markup = "<img src=x onerror=alert(1)> looks good";
    const posted = await pageForm(l.token, { intent: "comment", name: "Casey <b>Customer</b>", email: "casey@customer.example", body: markup });
    expect(posted.redirect).toBe(`/share/${l.token}`);
    const html = await page(l.token);
    // As text: React escapes it (the e2e spec checks the rendered page).
    const shown = html.result?.kind === "view" ? html.result.view.comments ?? [] : [];
    expect(shown.some((c) => c.body === markup && c.author_name === "Casey <b>Customer</b>" && c.author_kind === "guest")).toBe(true);

    const team = await getPoc(await actor("acmeAdmin"), l.pocId);
    const guest = team.comments.find((c) => c.body === markup);
    expect(guest?.author).toEqual({ id: null, name: "Casey <b>Customer</b>", kind: "guest" });

    const tooLong = await call(publicComments.POST as never, { method: "POST", params: { token: l.token }, body: { name: "A", email: "a@b.example", body: "x".repeat(2001) } });
    expect(tooLong.status).toBe(422);

    const csv = await call(publicExport.GET as never, { params: { token: l.token, export_file: "export.csv" } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.body).toContain('"Task","Setup","Provision sandbox environment","Done","Mark Member","2026-11-06"');
  });

  it("refuses edit and share on links with 422", async () => {
    const l = await link("Contoso SSO rollout");
    const res = await call(grantRoute.PATCH, { method: "PATCH", params: { grant_id: l.grantId }, body: { actions: ["view", "share"] }, headers: await admin() });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].message).toMatch(/share needs a signed-in principal/);
  });
});

describe("access log", () => {
  it("logs every page view with address and browser, in one batch", async () => {
    const l = await link("Fabrikam analytics evaluation");
    for (const ip of ["192.0.2.10", "192.0.2.11", "192.0.2.12"]) {
      const res = await sharePage(l.token, { headers: fromIp(ip, { "user-agent": `Browser/${ip}` }) });
      expect(res.status).toBe(200);
    }
    // A refused view is not a view.
    await link("Fabrikam analytics evaluation");
    expect((await sharePage(l.token, { headers: fromIp("192.0.2.13") })).status).toBe(403);
    await flushShareViews();
    const views = await getDb().select().from(shareViews).where(eq(shareViews.grantId, l.grantId));
    expect(views.map((v) => [v.ip, v.userAgent, v.viewerEmail]).sort()).toEqual([
      ["192.0.2.10", "Browser/192.0.2.10", null],
      ["192.0.2.11", "Browser/192.0.2.11", null],
      ["192.0.2.12", "Browser/192.0.2.12", null],
    ]);
  });
});

describe("the view document", () => {
  it("matches the published schema exactly and shows what a member sees, minus ids and emails", async () => {
    const l = await link("Northwind data platform pilot", { actions: ["view", "comment", "download"], watermark: true });
    const guest = await pageForm(l.token, { intent: "identify", email: "first@customer.example" });
    const guestPass = passCookieOf(guest);
    expect((await pageForm(l.token, { intent: "comment", name: "Guest Reader", email: "first@customer.example", body: "A guest's question" }, guestPass)).redirect).toBe(`/share/${l.token}`);

    const issued = await unlock(l.token, { email: "reader@customer.example" });
    expect(issued.status).toBe(200);
    const view = await apiView(l.token, issued.body.access_token);
    expect(view.status).toBe(200);
    expect(view.headers.get("content-type")).toBe("application/json");
    expect(PublicPocView.strict().safeParse(view.body).error?.issues ?? []).toEqual([]);
    expect(view.body.viewer_email).toBe("reader@customer.example");

    const member = await getPoc(await actor("acmeAdmin"), l.pocId);
    expect(view.body).toEqual({
      ...publicViewOf(member),
      actions: ["view", "download", "comment"],
      viewer_email: "reader@customer.example",
      comments: publicCommentsOf(member),
    });
    expect(view.body.comments.some((c: { author_kind: string; body: string }) => c.author_kind === "guest" && c.body === "A guest's question")).toBe(true);
  });

  it("never carries the email of a pass issued for another link", async () => {
    const a = await link("Northwind data platform pilot", { watermark: true });
    const plain = await link("Fabrikam analytics evaluation");
    const watermarked = await link("Contoso SSO rollout", { watermark: true });
    const pass = (await unlock(a.token, { email: "a-viewer@customer.example" })).body.access_token as string;
    expect((await apiView(a.token, pass)).body.viewer_email).toBe("a-viewer@customer.example");

    const onPlain = await apiView(plain.token, pass);
    expect(onPlain.status).toBe(200);
    expect(onPlain.body.viewer_email).toBeNull();
    const onWatermarked = await apiView(watermarked.token, pass);
    expect(onWatermarked.status).toBe(401);
    expect(onWatermarked.body.code).toBe("share/email-required");
    expect(JSON.stringify(onWatermarked.body)).not.toContain("a-viewer@");
  });
});

describe("grant updates", () => {
  it("writes one audit row with before and after, without secrets", async () => {
    const l = await link("Contoso SSO rollout");
    const res = await call(grantRoute.PATCH, {
      method: "PATCH",
      params: { grant_id: l.grantId },
      body: { actions: ["view", "download"], watermark: true, password: "s3cret-pass" },
      headers: await admin(),
    });
    expect(res.status).toBe(200);
    expect(res.body.actions).toEqual(["view", "download"]);
    const rows = await auditRows(l.grantId, "grant.updated");
    expect(rows).toHaveLength(1);
    const payload = rows[0]!.payload as any;
    expect(payload.before.actions).toEqual(["view"]);
    expect(payload.after.actions).toEqual(["view", "download"]);
    expect(payload.after.watermark).toBe(true);
    expect(payload.password_changed).toBe(true);
    const text = JSON.stringify(rows);
    expect(text).not.toContain("s3cret-pass");
    expect(text).not.toContain("argon2");
    expect(text).not.toContain(l.token);

    const member = await call(grantRoute.PATCH, {
      method: "PATCH",
      params: { grant_id: l.grantId },
      body: { watermark: false },
      headers: { cookie: await sessionCookie("acmeMark"), origin: APP_ORIGIN },
    });
    expect(member.status).toBe(403);
    expect(await auditRows(l.grantId, "grant.updated")).toHaveLength(1);
  });
});
