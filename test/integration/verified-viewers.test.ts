/**
 * Issue 18: verified viewers. The grant API's options and their validation, the one-time code
 * flow on the API and the share page, allow and deny lists, the option version that ends
 * passes on the next request, and guest comments under the verified email.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as publicComments from "@/app/api/v1/public/pocs/[token]/comments/route";
import * as publicUnlock from "@/app/api/v1/public/pocs/[token]/unlock/route";
import * as grantsRoute from "@/app/api/v1/sharing/grants/route";
import * as grantRoute from "@/app/api/v1/sharing/grants/[grant_id]/route";
import { changeEmailAction, requestCodeAction, verifyCodeAction } from "@/app/share/[token]/actions";
import { getDb } from "@/db/client";
import { auditEvents, comments, shareEmailCodes, shareViews } from "@/db/schema";
import { CLIENT_IP_HEADER } from "@/lib/api/client-ip";
import { openApiDocument } from "@/lib/api/openapi";
import { onRequest } from "../next-request";
import { sharePage, shareForm } from "../share-page";
import { APP_ORIGIN, asToken, asUser, call, expectProblem, pocId, problemFields, seed } from "../helpers";
import { apiView, askCode, nextIp, codeMails, codeRows, enterCode, latestCode, patchLink, verifiedLink, verifiedPass } from "./verified-helpers";

vi.mock("next/headers", async () => (await import("../next-request")).nextHeadersMock);

const VERIFY_ACTIONS = { request: requestCodeAction, verify: verifyCodeAction, change: changeEmailAction };

beforeAll(async () => {
  await seed();
});

describe("link options in the grant API", () => {
  it("creates a link with the options, reports them, and lists imply verification", async () => {
    const api = await asToken("acmeAdmin");
    const admin = await asUser("acmeAdmin");
    const id = await pocId("fabrikam");
    const created = await api(grantsRoute.POST, {
      method: "POST",
      body: { subject_type: "poc", subject_id: id, principal_type: "link", allowed_viewers: ["@Initech.example", " Dana@Partner.example "], denied_viewers: ["intern@initech.example"] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      require_verified_email: true,
      allowed_viewers: ["@initech.example", "dana@partner.example"],
      denied_viewers: ["intern@initech.example"],
    });
    const fetched = await admin(grantRoute.GET, { params: { grant_id: created.body.id } });
    expect(fetched.body.allowed_viewers).toEqual(["@initech.example", "dana@partner.example"]);

    // Turning verification off while a list is set would silently open the link: refused.
    const off = await admin(grantRoute.PATCH, { method: "PATCH", params: { grant_id: created.body.id }, body: { require_verified_email: false } });
    expect(problemFields(expectProblem(off, 422, "request/invalid") && off)).toEqual(["require_verified_email"]);
    const cleared = await admin(grantRoute.PATCH, { method: "PATCH", params: { grant_id: created.body.id }, body: { allowed_viewers: [], denied_viewers: [], require_verified_email: false } });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ require_verified_email: false, allowed_viewers: [], denied_viewers: [] });
  });

  it("refuses malformed entries and lists over 500 with request/invalid naming the entry, and writes nothing", async () => {
    const admin = await asUser("acmeAdmin");
    const { grantId } = await verifiedLink("northwind", {});
    for (const [entry, index] of [["not-an-email", 1], ["@", 1], ["@localhost", 1], ["dana@", 1], ["@exa mple.com", 1], ["", 1]] as const) {
      const res = await admin(grantRoute.PATCH, { method: "PATCH", params: { grant_id: grantId }, body: { allowed_viewers: ["ok@example.com", entry] } });
      expectProblem(res, 422, "request/invalid");
      expect(problemFields(res), entry).toEqual([`allowed_viewers.${index}`]);
    }
    const tooMany = Array.from({ length: 501 }, (_, i) => `viewer${i}@example.com`);
    const over = await admin(grantRoute.PATCH, { method: "PATCH", params: { grant_id: grantId }, body: { denied_viewers: tooMany } });
    expectProblem(over, 422, "request/invalid");
    expect(problemFields(over)).toEqual(["denied_viewers"]);
    const unchanged = await admin(grantRoute.GET, { params: { grant_id: grantId } });
    expect(unchanged.body).toMatchObject({ require_verified_email: false, allowed_viewers: [], denied_viewers: [] });
    const exactly500 = await admin(grantRoute.PATCH, { method: "PATCH", params: { grant_id: grantId }, body: { denied_viewers: tooMany.slice(0, 500) } });
    expect(exactly500.status).toBe(200);
    expect(exactly500.body.denied_viewers).toHaveLength(500);
    // The create body is validated the same way.
    const create = await admin(grantsRoute.POST, {
      method: "POST",
      body: { subject_type: "poc", subject_id: await pocId("contoso"), principal_type: "link", allowed_viewers: ["nope"] },
    });
    expect(problemFields(expectProblem(create, 422, "request/invalid") && create)).toEqual(["allowed_viewers.0"]);
  });

  it("documents the options, their limits and the code endpoint in the OpenAPI document", () => {
    const doc = openApiDocument("http://localhost:3999") as any;
    const patch = doc.paths["/api/v1/sharing/grants/{grant_id}"].patch.requestBody.content["application/json"].schema.properties;
    expect(patch.require_verified_email.type).toBe("boolean");
    expect(patch.allowed_viewers).toMatchObject({ type: "array", maxItems: 500 });
    expect(patch.denied_viewers).toMatchObject({ type: "array", maxItems: 500 });
    const create = doc.paths["/api/v1/sharing/grants"].post.requestBody.content["application/json"].schema;
    const linkVariant = create.oneOf.find((v: any) => v.properties.principal_type.const === "link");
    expect(Object.keys(linkVariant.properties)).toEqual(expect.arrayContaining(["require_verified_email", "allowed_viewers", "denied_viewers"]));
    const code = doc.paths["/api/v1/public/pocs/{token}/verification-code"].post;
    expect(Object.keys(code.responses)).toEqual(expect.arrayContaining(["202", "403", "429"]));
    expect(code.security).toEqual([]);
    expect(doc.paths["/api/v1/public/pocs/{token}/unlock"].post.requestBody.content["application/json"].schema.properties.code).toBeDefined();
    const grant = doc.paths["/api/v1/sharing/grants/{grant_id}"].get.responses["200"].content["application/json"].schema;
    expect(grant.required).toEqual(expect.arrayContaining(["require_verified_email", "allowed_viewers", "denied_viewers"]));
  });

  it("leaves people, team and role grants alone: their identity is already proven", async () => {
    const admin = await asUser("acmeAdmin");
    const id = await pocId("fabrikam");
    const person = await admin(grantsRoute.POST, { method: "POST", body: { subject_type: "poc", subject_id: id, principal_type: "role", principal_id: "executive" } });
    expect(person.status).toBe(201);
    expect(person.body).toMatchObject({ require_verified_email: false, allowed_viewers: [], denied_viewers: [] });
    const patch = await admin(grantRoute.PATCH, { method: "PATCH", params: { grant_id: person.body.id }, body: { require_verified_email: true } });
    expectProblem(patch, 422, "request/invalid");
    const create = await admin(grantsRoute.POST, {
      method: "POST",
      body: { subject_type: "poc", subject_id: id, principal_type: "role", principal_id: "member", allowed_viewers: ["@acme.test"] },
    });
    expectProblem(create, 422, "request/invalid");
  });

  it("audits the change and says when it ended current viewers' passes", async () => {
    const { grantId } = await verifiedLink("contoso", {});
    await patchLink(grantId, { allowed_viewers: ["@initech.example"] });
    await patchLink(grantId, { allowed_viewers: ["@initech.example", "@partner.example"] });
    const rows = await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, grantId));
    const updates = rows.filter((r) => r.action === "grant.updated").map((r) => r.payload as Record<string, any>);
    expect(updates.map((p) => p.viewer_passes_ended)).toEqual([true, false]);
    expect(updates[1]!.after.allowed_viewers).toEqual(["@initech.example", "@partner.example"]);
  });
});

describe("one-time codes on the API", () => {
  it("a listed viewer gets a code by email (without the link), enters it and sees the POC under their email", async () => {
    const l = await verifiedLink("contoso", { allowed_viewers: ["@initech.example"], watermark: true });
    const locked = await apiView(l.token);
    expectProblem(locked, 401, "share/verification-required");
    expect(JSON.stringify(locked.body)).not.toContain("Contoso");

    const sent = await askCode(l.token, "Dana@Initech.example");
    expect(sent.status).toBe(202);
    expect(sent.body.email).toBe("dana@initech.example");
    expect(new Date(sent.body.expires_at).getTime() - Date.now()).toBeGreaterThan(9 * 60 * 1000);
    const [mail] = await codeMails("dana@initech.example");
    expect(mail!.subject).toBe("Your poc-manager verification code");
    expect(mail!.textBody).toMatch(/Your verification code is \d{6}\n/);
    expect(mail!.textBody).not.toContain(l.token);
    expect(mail!.textBody).not.toMatch(/https?:\/\//);
    expect(mail!.textBody).not.toContain("Contoso");

    const code = await latestCode("dana@initech.example");
    const unlocked = await enterCode(l.token, "dana@initech.example", `${code.slice(0, 3)} ${code.slice(3)}`);
    expect(unlocked.status, JSON.stringify(unlocked.body)).toBe(200);
    const view = await apiView(l.token, unlocked.body.access_token);
    expect(view.status).toBe(200);
    expect(view.body.title).toBe("Contoso SSO rollout");
    expect(view.body.viewer_email).toBe("dana@initech.example");
    // The gate's entry in the access log carries the proven address.
    const logged = await getDb().select().from(shareViews).where(eq(shareViews.grantId, l.grantId));
    expect(logged.map((v) => v.viewerEmail)).toContain("dana@initech.example");
    // A code works once.
    expectProblem(await enterCode(l.token, "dana@initech.example", code), 401, "share/code-expired");
  });

  it("refuses an address outside the allow list, or on the deny list, before any email is sent", async () => {
    const l = await verifiedLink("fabrikam", { allowed_viewers: ["@initech.example"], denied_viewers: ["intern@initech.example"] });
    for (const email of ["eve@elsewhere.example", "intern@initech.example", "dana@sub.initech.example"]) {
      const res = await askCode(l.token, email);
      expectProblem(res, 403, "share/viewer-not-allowed");
      expect(await codeMails(email)).toEqual([]);
    }
    // A deny list alone lets everyone else in.
    const d = await verifiedLink("northwind", { denied_viewers: ["@competitor.example"] });
    expectProblem(await askCode(d.token, "spy@competitor.example"), 403, "share/viewer-not-allowed");
    expect((await askCode(d.token, "anyone@customer.example")).status).toBe(202);
  });

  it("locks a code after five wrong tries; a new code works", async () => {
    const l = await verifiedLink("contoso");
    const email = "tries@customer.example";
    expect((await askCode(l.token, email)).status).toBe(202);
    const code = await latestCode(email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const messages: string[] = [];
    for (let i = 0; i < 4; i++) messages.push(expectProblem(await enterCode(l.token, email, wrong), 401, "share/code-invalid").detail);
    expect(messages).toEqual(["4 tries left", "3 tries left", "2 tries left", "1 try left"].map((m) => `That code is not correct. ${m}.`));
    const fifth = expectProblem(await enterCode(l.token, email, wrong), 401, "share/code-expired");
    expect(fifth.reason).toBe("locked");
    // Locked: even the right code no longer works.
    expect(expectProblem(await enterCode(l.token, email, code), 401, "share/code-expired").reason).toBe("locked");
    expect(await codeRows(l.grantId, email)).toMatchObject([{ attempts: 5, usedAt: null }]);

    expect((await askCode(l.token, email)).status).toBe(202);
    expect((await enterCode(l.token, email, await latestCode(email))).status).toBe(200);
  });

  it("a newer code replaces the older one, and an expired code is refused", async () => {
    const l = await verifiedLink("fabrikam");
    const email = "twice@customer.example";
    await askCode(l.token, email);
    const first = await latestCode(email);
    await askCode(l.token, email);
    const second = await latestCode(email);
    if (first !== second) expectProblem(await enterCode(l.token, email, first), 401, "share/code-invalid");
    const [newest] = await codeRows(l.grantId, email);
    await getDb().update(shareEmailCodes).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(shareEmailCodes.id, newest!.id));
    expect(expectProblem(await enterCode(l.token, email, second), 401, "share/code-expired").reason).toBe("expired");
  });

  it("a typed email does not pass a verified link, and the password still comes first", async () => {
    const l = await verifiedLink("northwind", { require_verified_email: true, password: "verified-and-locked", watermark: true });
    expectProblem(await apiView(l.token), 401, "share/password-required");
    expectProblem(await askCode(l.token, "pw@customer.example"), 401, "share/password-required");
    const unlocked = await call(publicUnlock.POST as never, { method: "POST", params: { token: l.token }, body: { password: "verified-and-locked" } });
    const pass = unlocked.body.access_token as string;
    expectProblem(await apiView(l.token, pass), 401, "share/verification-required");
    // The watermark gate's typed email is refused on a verified link.
    const typed = await call(publicUnlock.POST as never, { method: "POST", params: { token: l.token }, body: { email: "typed@customer.example" }, headers: { authorization: `Bearer ${pass}` } });
    expectProblem(typed, 401, "share/verification-required");
    expect((await askCode(l.token, "pw@customer.example", nextIp(), pass)).status).toBe(202);
    const verified = await enterCode(l.token, "pw@customer.example", await latestCode("pw@customer.example"), nextIp(), pass);
    expect(verified.status).toBe(200);
    const view = await apiView(l.token, verified.body.access_token);
    expect(view.body.viewer_email).toBe("pw@customer.example");
  });
});

describe("the option version in the pass", () => {
  it("tightening the lists or enabling verification ends passes on the next request; loosening does not", async () => {
    const l = await verifiedLink("contoso", { allowed_viewers: ["@initech.example"] });
    const pass = await verifiedPass(l.token, "sam@initech.example");
    expect((await apiView(l.token, pass)).status).toBe(200);

    // Loosening: another domain allowed. Sam stays in.
    expect((await patchLink(l.grantId, { allowed_viewers: ["@initech.example", "@partner.example"] })).status).toBe(200);
    expect((await apiView(l.token, pass)).status).toBe(200);

    // A deny entry for Sam: the very next request asks for a code again, and Sam gets none.
    expect((await patchLink(l.grantId, { denied_viewers: ["sam@initech.example"] })).status).toBe(200);
    expectProblem(await apiView(l.token, pass), 401, "share/verification-required");
    expectProblem(await askCode(l.token, "sam@initech.example"), 403, "share/viewer-not-allowed");
    // Someone else on the domain verifies again and is in.
    expect((await apiView(l.token, await verifiedPass(l.token, "kim@initech.example"))).status).toBe(200);

    // Enabling verification on a watermark-only link ends the typed-email passes.
    const w = await verifiedLink("fabrikam", { watermark: true });
    const typed = await call(publicUnlock.POST as never, { method: "POST", params: { token: w.token }, body: { email: "typed@customer.example" } });
    expect((await apiView(w.token, typed.body.access_token)).status).toBe(200);
    expect((await patchLink(w.grantId, { require_verified_email: true })).status).toBe(200);
    expectProblem(await apiView(w.token, typed.body.access_token), 401, "share/verification-required");
  });

  it("a pass is bound to its link: a verified pass for link X does not open verified link Y", async () => {
    const x = await verifiedLink("northwind");
    const y = await verifiedLink("contoso");
    const pass = await verifiedPass(x.token, "bound@customer.example");
    expect((await apiView(x.token, pass)).status).toBe(200);
    expectProblem(await apiView(y.token, pass), 401, "share/verification-required");
  });
});

describe("the share page's code gate", () => {
  const cookieOf = (res: { setCookies: { name: string; value: string }[] }, name: string) => {
    const cookie = [...res.setCookies].reverse().find((c) => c.name === name && c.value !== "");
    return cookie ? `${cookie.name}=${cookie.value}` : "";
  };
  const form = (token: string, action: keyof typeof VERIFY_ACTIONS, fields: Record<string, string>, cookie = "") => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) data.append(key, value);
    return onRequest({ cookie, headers: { origin: APP_ORIGIN, [CLIENT_IP_HEADER]: nextIp() } }, () => VERIFY_ACTIONS[action](token, {}, data));
  };

  it("asks for the email, then the code in the same browser, then shows the POC; guest comments use the verified email", async () => {
    const l = await verifiedLink("fabrikam", { allowed_viewers: ["@initech.example"], actions: ["view", "comment"] });
    const gate = await sharePage(l.token);
    expect(gate.status).toBe(401);
    expect(gate.result).toEqual({ kind: "gate", gate: "verify", challengeEmail: null });

    const refused = await form(l.token, "request", { email: "eve@elsewhere.example" });
    expect(refused.status).toBe(403);
    expect(refused.result?.message).toContain("This email address cannot view this link");

    const asked = await form(l.token, "request", { email: "lee@initech.example" });
    expect(asked.redirect).toBe(`/share/${l.token}`);
    const challenge = cookieOf(asked, "pm_share_code");
    expect(asked.setCookies.find((c) => c.name === "pm_share_code")!.options).toMatchObject({ path: `/share/${l.token}`, httpOnly: true, sameSite: "lax" });
    expect(challenge).not.toContain("lee@initech.example"); // sealed, not readable
    const codeForm = await sharePage(l.token, { cookie: challenge });
    expect(codeForm.result).toEqual({ kind: "gate", gate: "verify", challengeEmail: "lee@initech.example" });

    // A fresh browser (no challenge cookie) cannot enter the code.
    const code = await latestCode("lee@initech.example");
    const elsewhere = await form(l.token, "verify", { code });
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.result?.message).toBe("Your code request has expired. Enter your email to get a new code.");

    const wrong = await form(l.token, "verify", { code: code === "000000" ? "000001" : "000000" }, challenge);
    expect(wrong.status).toBe(401);
    expect(wrong.result?.message).toBe("That code is not correct. 4 tries left.");
    const right = await form(l.token, "verify", { code }, challenge);
    expect(right.redirect).toBe(`/share/${l.token}`);
    const pass = cookieOf(right, "pm_share");
    // The pending request ends with it.
    expect(right.setCookies.some((c) => c.name === "pm_share_code" && c.value === "")).toBe(true);
    const opened = await sharePage(l.token, { cookie: pass });
    expect(opened.status).toBe(200);
    expect(opened.result).toMatchObject({ kind: "view", verifiedEmail: "lee@initech.example" });

    // The form cannot choose another name or email.
    const posted = await shareForm(l.token, "comment", { name: "The CEO", email: "ceo@initech.example", body: "Looks good" }, { cookie: pass });
    expect(posted.redirect).toBe(`/share/${l.token}`);
    const [comment] = await getDb().select().from(comments).where(eq(comments.viaGrantId, l.grantId));
    expect(comment).toMatchObject({ guestName: "lee", guestEmail: "lee@initech.example", body: "Looks good" });
    // On the API too.
    const api = await call(publicComments.POST as never, {
      method: "POST",
      params: { token: l.token },
      body: { name: "Someone", email: "other@initech.example", body: "Via API" },
      headers: { authorization: `Bearer ${await verifiedPass(l.token, "api@initech.example")}` },
    });
    expect(api.status).toBe(204);
    const rows = await getDb().select().from(comments).where(eq(comments.viaGrantId, l.grantId));
    expect(rows.find((r) => r.body === "Via API")).toMatchObject({ guestName: "api", guestEmail: "api@initech.example" });

    // "Use a different email" drops the pending request.
    const again = await form(l.token, "request", { email: "max@initech.example" });
    const changed = await form(l.token, "change", {}, cookieOf(again, "pm_share_code"));
    expect(changed.setCookies.find((c) => c.name === "pm_share_code")!.value).toBe("");
  });

  it("unverified links still need a name and email for guest comments", async () => {
    const l = await verifiedLink("northwind", { actions: ["view", "comment"] });
    const res = await call(publicComments.POST as never, { method: "POST", params: { token: l.token }, body: { body: "Anonymous?" } });
    expect(problemFields(expectProblem(res, 422, "request/invalid") && res)).toEqual(["name", "email"]);
  });
});
