/**
 * SECURITY 27: grants never widen. Restrictions are inherited on re-share, an outsider
 * re-shares only to people, expired is final, an idempotent replay re-checks authorization,
 * an invitation dies with its grant (and with a newer one), and API tokens stay in their
 * tenant on every endpoint.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as inviteRoute from "@/app/invite/[token]/route";
import * as meShared from "@/app/api/v1/me/shared/route";
import * as publicLinkRoute from "@/app/api/v1/pocs/[poc_id]/public-link/route";
import * as pocsRoute from "@/app/api/v1/pocs/route";
import * as grantsRoute from "@/app/api/v1/sharing/grants/route";
import * as grantRoute from "@/app/api/v1/sharing/grants/[grant_id]/route";
import * as resendRoute from "@/app/api/v1/sharing/grants/[grant_id]/resend/route";
import { getDb } from "@/db/client";
import { emailOutbox, sharingGrants } from "@/db/schema";
import { signUpWithInvite } from "@/lib/invites/service";
import { updateMember } from "@/lib/tenants/service";
import { actor, asToken, asUser, call, expectProblem, seed, userId, type Caller } from "../helpers";

let admin: Caller;

beforeAll(async () => {
  await seed();
  admin = await asUser("acmeAdmin");
});

async function newPoc(title: string): Promise<string> {
  const res = await admin(pocsRoute.POST, { method: "POST", body: { title } });
  expect(res.status).toBe(201);
  return res.body.id;
}
const share = (as: Caller, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  as(grantsRoute.POST, { method: "POST", body: { subject_type: "poc", ...body }, headers });

/** The token of the newest invitation email to `email`. */
async function inviteToken(email: string): Promise<string> {
  const [mail] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).orderBy(desc(emailOutbox.createdAt)).limit(1);
  return /\/invite\/([A-Za-z0-9_-]{43})/.exec(mail!.textBody)![1]!;
}
const openInvite = (token: string) => call(inviteRoute.GET as never, { path: `/invite/${token}`, params: { token } });

/** An outsider (no tenant membership) who holds `actions` on the POC through an invitation. */
async function outsiderWith(pocId: string, email: string, actions: string[], extra: Record<string, unknown> = {}): Promise<Caller> {
  expect((await share(admin, { subject_id: pocId, principal_type: "user", email, actions, ...extra })).status).toBe(201);
  await signUpWithInvite(await inviteToken(email), { name: "Otto Outsider", password: "a-long-password" });
  const [grant] = await getDb().select().from(sharingGrants).where(eq(sharingGrants.subjectId, pocId)).orderBy(desc(sharingGrants.createdAt)).limit(1);
  return asUser({ userId: grant!.principalUserId! });
}

describe("restrictions are inherited on re-share", () => {
  it("a watermarked sharer's grants are watermarked, and the API says so", async () => {
    const id = await newPoc("Inherited watermark");
    const mark = await asUser("acmeMark");
    expect((await share(admin, { subject_id: id, principal_type: "user", principal_id: await userId("acmeMark"), actions: ["view", "share"], watermark: true })).status).toBe(201);
    const created = await share(mark, { subject_id: id, principal_type: "user", principal_id: await userId("acmeMia"), actions: ["view"], watermark: false });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ watermark: true, inherited_restrictions: ["watermark"] });
    // Nor can the sharer switch it off afterwards.
    const patched = await mark(grantRoute.PATCH, { method: "PATCH", params: { grant_id: created.body.id }, body: { watermark: false } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ watermark: true, inherited_restrictions: ["watermark"] });
    const [row] = await getDb().select().from(sharingGrants).where(eq(sharingGrants.id, created.body.id));
    expect(row!.watermark).toBe(true);
  });

  it("an admin's grants keep what the admin chose", async () => {
    const id = await newPoc("Admin watermark choice");
    const res = await share(admin, { subject_id: id, principal_type: "user", principal_id: await userId("acmeMia"), watermark: false });
    expect(res.body.watermark).toBe(false);
    expect(res.body.inherited_restrictions).toBeUndefined();
  });
});

describe("an outsider re-shares only to people", () => {
  it("by email yes; roles, teams and member ids of the tenant no", async () => {
    const id = await newPoc("Outsider reshare");
    const otto = await outsiderWith(id, "otto@outside.example", ["view", "share"]);
    for (const body of [
      { principal_type: "role", principal_id: "member" },
      { principal_type: "user", principal_id: await userId("acmeMia") },
    ]) {
      expectProblem(await share(otto, { subject_id: id, ...body }), 403, "auth/forbidden");
    }
    expect((await share(otto, { subject_id: id, principal_type: "user", email: "friend@outside.example" })).status).toBe(201);
  });

  it("never sees the tenant's member emails in grant lists", async () => {
    const id = await newPoc("Outsider grant list");
    expect((await share(admin, { subject_id: id, principal_type: "user", principal_id: await userId("acmeMia") })).status).toBe(201);
    const otto = await outsiderWith(id, "otto2@outside.example", ["view", "share"]);
    expect((await share(otto, { subject_id: id, principal_type: "user", email: "pal@outside.example" })).status).toBe(201);
    const list = await otto(grantsRoute.GET, { path: `/api/v1/sharing/grants?subject_type=poc&subject_id=${id}` });
    expect(list.status).toBe(200);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain("mia@acme.test");
    expect(text).not.toContain("admin@acme.test");
    expect(text).toContain("pal@outside.example");
  });
});

describe("expired is final", () => {
  it("a grant past expires_at cannot be PATCHed back to life, tombstoned or not", async () => {
    const id = await newPoc("Expired final");
    const res = await share(admin, { subject_id: id, principal_type: "user", principal_id: await userId("acmeMia"), expires_at: new Date(Date.now() + 3_600_000).toISOString() });
    await getDb().update(sharingGrants).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(sharingGrants.id, res.body.id));
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const revive = () => admin(grantRoute.PATCH, { method: "PATCH", params: { grant_id: res.body.id }, body: { expires_at: future } });
    expectProblem(await revive(), 409, "grant/expired");
    await getDb().update(sharingGrants).set({ tombstonedAt: sql`now()` }).where(eq(sharingGrants.id, res.body.id));
    expect([404, 409]).toContain((await revive()).status);
    const [row] = await getDb().select().from(sharingGrants).where(eq(sharingGrants.id, res.body.id));
    expect(row!.expiresAt!.getTime()).toBeLessThan(Date.now());
  });
});

describe("an idempotent replay re-checks authorization", () => {
  it("a caller who lost the right gets the normal error, not the stored response", async () => {
    const id = await newPoc("Replay recheck");
    const mark = await asUser("acmeMark");
    expect((await share(admin, { subject_id: id, principal_type: "user", principal_id: await userId("acmeMark"), actions: ["view", "share"] })).status).toBe(201);
    const body = { subject_id: id, principal_type: "user", email: "replayed@outside.example" };
    const key = { "idempotency-key": "replay-recheck-1" };
    const first = await share(mark, body, key);
    expect(first.status).toBe(201);
    const replay = await share(mark, body, key);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    // Mark's own grant is revoked: the replay is now a 404, like any request of his.
    const [markGrant] = await getDb()
      .select()
      .from(sharingGrants)
      .where(and(eq(sharingGrants.subjectId, id), eq(sharingGrants.principalUserId, await userId("acmeMark"))));
    expect((await admin(grantRoute.DELETE, { method: "DELETE", params: { grant_id: markGrant!.id } })).status).toBe(204);
    expectProblem(await share(mark, body, key), 404, "resource/not-found");
  });

  it("a public-link replay after losing admin is refused", async () => {
    const id = await newPoc("Replay link recheck");
    const admin2 = await actor("acmeAdmin");
    await updateMember(admin2, await userId("acmeMia"), { role: "tenant_admin" });
    const mia = await asUser("acmeMia");
    const key = { "idempotency-key": "replay-link-1" };
    const path = `/api/v1/pocs/${id}/public-link`;
    const first = await mia(publicLinkRoute.POST, { method: "POST", path, params: { poc_id: id }, body: {}, headers: key });
    expect(first.status).toBe(201);
    await updateMember(admin2, await userId("acmeMia"), { role: "member" });
    const miaAgain = await asUser("acmeMia"); // the narrowing ended her old session
    const replay = await miaAgain(publicLinkRoute.POST, { method: "POST", path, params: { poc_id: id }, body: {}, headers: key });
    expectProblem(replay, 403, "auth/forbidden");
    expect(JSON.stringify(replay.body)).not.toContain(first.body.access_token);
  });
});

describe("an invitation dies with its grant", () => {
  it("revoked: 410, no POC title, and sign-up through it is refused", async () => {
    const id = await newPoc("Secret project Zebra");
    const res = await share(admin, { subject_id: id, principal_type: "user", email: "late@outside.example" });
    const token = await inviteToken("late@outside.example");
    expect((await openInvite(token)).status).toBe(303);
    expect((await admin(grantRoute.DELETE, { method: "DELETE", params: { grant_id: res.body.id } })).status).toBe(204);
    const page = await openInvite(token);
    expect(page.status).toBe(410);
    expect(page.body).toContain("no longer valid");
    expect(page.body).not.toContain("Zebra");
    await expect(signUpWithInvite(token, { name: "Late", password: "a-long-password" })).rejects.toMatchObject({ status: 410, code: "invite/gone" });
  });

  it("expired with its grant (before any sweep): 410", async () => {
    const id = await newPoc("Invite of an expiring grant");
    const res = await share(admin, { subject_id: id, principal_type: "user", email: "soon@outside.example", expires_at: new Date(Date.now() + 3_600_000).toISOString() });
    const token = await inviteToken("soon@outside.example");
    await getDb().update(sharingGrants).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(sharingGrants.id, res.body.id));
    expect((await openInvite(token)).status).toBe(410);
  });

  it("resending invalidates the earlier link", async () => {
    const id = await newPoc("Invite resent");
    const res = await share(admin, { subject_id: id, principal_type: "user", email: "twice@outside.example" });
    const first = await inviteToken("twice@outside.example");
    expect((await admin(resendRoute.POST, { method: "POST", params: { grant_id: res.body.id } })).status).toBe(204);
    const second = await inviteToken("twice@outside.example");
    expect(second).not.toBe(first);
    expect((await openInvite(first)).status).toBe(410);
    expect((await openInvite(second)).status).toBe(303);
    await expect(signUpWithInvite(first, { name: "Twice", password: "a-long-password" })).rejects.toMatchObject({ status: 410 });
    await expect(signUpWithInvite(second, { name: "Twice", password: "a-long-password" })).resolves.toMatchObject({ pocId: id });
  });

  it("an unknown invitation is a 404", async () => {
    expect((await openInvite("x".repeat(43))).status).toBe(404);
  });
});

describe("API tokens stay in their tenant everywhere", () => {
  it("GET /api/v1/me/shared with a token lists nothing of another tenant", async () => {
    // Globex's admin is given an Acme POC; a Globex token must not list it.
    const id = await newPoc("Cross-tenant share");
    expect((await share(admin, { subject_id: id, principal_type: "user", email: "admin@globex.test" })).status).toBe(201);
    const globexSession = await asUser("globexAdmin");
    const viaSession = await globexSession(meShared.GET);
    expect(viaSession.body.data.map((e: { poc: { id: string } }) => e.poc.id)).toContain(id);
    const viaToken = await (await asToken("globexAdmin"))(meShared.GET);
    expect(viaToken.status).toBe(200);
    expect(viaToken.body.data.map((e: { poc: { id: string } }) => e.poc.id)).not.toContain(id);
  });
});
