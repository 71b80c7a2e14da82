import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as meShared from "@/app/api/v1/me/shared/route";
import * as pocRoute from "@/app/api/v1/pocs/[poc_id]/route";
import * as pocsRoute from "@/app/api/v1/pocs/route";
import * as grantsRoute from "@/app/api/v1/sharing/grants/route";
import * as grantRoute from "@/app/api/v1/sharing/grants/[grant_id]/route";
import * as resendRoute from "@/app/api/v1/sharing/grants/[grant_id]/resend/route";
import { getDb } from "@/db/client";
import { auditEvents, emailOutbox, invites, memberships, sharingGrants, teamMembers, teams } from "@/db/schema";
import { authenticate } from "@/lib/auth/service";
import { reloadConfig } from "@/lib/config";
import { inspectInvite, signUpWithInvite } from "@/lib/invites/service";
import { addTeamMember, createTeam, removeTeamMember } from "@/lib/teams/service";
import { updateMember } from "@/lib/tenants/service";
import { actor, asUser, expectProblem, seed, sessionCookie, userId, type Caller } from "../helpers";

let admin: Caller, mark: Caller, mia: Caller, erin: Caller;
let smtp: SMTPServer;
const inbox: { to: string; raw: string }[] = [];

async function newPoc(title: string): Promise<string> {
  const res = await admin(pocsRoute.POST, { method: "POST", body: { title } });
  expect(res.status).toBe(201);
  return res.body.id;
}
const share = (as: Caller, body: Record<string, unknown>) => as(grantsRoute.POST, { method: "POST", body: { subject_type: "poc", ...body } });
const getPoc = (as: Caller, id: string) => as(pocRoute.GET, { params: { poc_id: id } });

beforeAll(async () => {
  await seed();
  [admin, mark, mia, erin] = await Promise.all([asUser("acmeAdmin"), asUser("acmeMark"), asUser("acmeMia"), asUser("acmeExec")]);
  // A real SMTP server: the app's sender delivers to it over the socket.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw });
        callback();
      });
    },
  });
  smtp.listen(0, "127.0.0.1");
  await once(smtp.server, "listening");
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  reloadConfig();
});
afterAll(async () => {
  // Let deliveries started after each commit finish before the SMTP server goes away.
  await vi.waitFor(
    async () => {
      const pending = await getDb().select().from(emailOutbox).where(eq(emailOutbox.status, "pending"));
      if (pending.length > 0) throw new Error(`${pending.length} emails still pending: ${JSON.stringify(pending.map((p) => [p.toAddress, p.attempts, p.lastError, p.nextAttemptAt]))}`);
    },
    { timeout: 20_000, interval: 100 },
  );
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe("sharing with people", () => {
  it("an existing member gets access at once, with exactly the granted actions, and a notification", async () => {
    const id = await newPoc("Share with Mark");
    expect((await getPoc(mark, id)).status).toBe(404);
    const res = await share(admin, { subject_id: id, principal_type: "user", email: "MARK@acme.test", actions: ["view", "comment"] });
    expect(res.status).toBe(201);
    expect(res.body.principal).toMatchObject({ name: "Mark Member", email: "mark@acme.test", pending: false });
    const seen = await getPoc(mark, id);
    expect(seen.status).toBe(200);
    expect(seen.body.permissions).toEqual({ actions: ["view", "comment"], manage: false, watermark: false });
    const [mail] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.subject, `Alice Admin shared “Share with Mark” with you`));
    expect(mail?.toAddress).toBe("mark@acme.test");
    // One grant per principal: sharing again points at the existing one.
    const again = await share(admin, { subject_id: id, principal_type: "user", email: "mark@acme.test", actions: ["view"] });
    expect(again.status).toBe(409);
    expect(again.body.existing_grant_id).toBe(res.body.id);
    // Revoking holds on the next request.
    expect((await admin(grantRoute.DELETE, { method: "DELETE", params: { grant_id: res.body.id } })).status).toBe(204);
    expect((await getPoc(mark, id)).status).toBe(404);
  });

  it("an unknown email gets an invite over SMTP; signing up through it binds the grant; the link works once", async () => {
    const id = await newPoc("Share with a newcomer");
    const res = await share(admin, { subject_id: id, principal_type: "user", email: "newcomer@outside.example", actions: ["view"] });
    expect(res.status).toBe(201);
    expect(res.body.principal).toMatchObject({ email: "newcomer@outside.example", pending: true });

    // Delivery starts right after the commit; wait for the message to arrive.
    await expect.poll(() => inbox.some((m) => m.to === "newcomer@outside.example")).toBe(true);
    const mail = inbox.find((m) => m.to === "newcomer@outside.example");
    const [row] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, "newcomer@outside.example"));
    await expect.poll(async () => (await getDb().select().from(emailOutbox).where(eq(emailOutbox.id, row!.id)))[0]!.status).toBe("sent");
    const token = /\/invite\/([A-Za-z0-9_-]{43})/.exec(mail!.raw.replace(/=\r?\n/g, ""))![1]!;
    // Hashed at rest: the token itself is nowhere in the table.
    expect(JSON.stringify(await getDb().select().from(invites))).not.toContain(token);
    expect(await inspectInvite(token)).toMatchObject({ state: "open", email: "newcomer@outside.example", pocTitle: "Share with a newcomer" });

    const signedUp = await signUpWithInvite(token, { name: "Nia Newcomer", password: "a-long-password" });
    expect(signedUp.pocId).toBe(id);
    const user = await authenticate("newcomer@outside.example", "a-long-password");
    const [grant] = await getDb().select().from(sharingGrants).where(eq(sharingGrants.id, res.body.id));
    expect(grant!.principalUserId).toBe(user!.id);
    expect(grant!.principalEmail).toBeNull();
    // No tenant: they see exactly what was shared with them.
    const { actorForUser } = await import("@/lib/auth/service");
    const outsider = (await actorForUser(user!.id, null))!;
    expect(outsider.tenantId).toBeNull();
    const { listPocs, getPoc: getPocService } = await import("@/lib/pocs/service");
    expect((await listPocs(outsider)).data.map((p) => p.title)).toEqual(["Share with a newcomer"]);
    expect((await getPocService(outsider, id)).permissions.actions).toEqual(["view"]);

    expect(await inspectInvite(token)).toMatchObject({ state: "used" });
    await expect(signUpWithInvite(token, { name: "Again", password: "a-long-password" })).rejects.toMatchObject({ status: 410 });
  });

  it("a pending invite can be resent with a fresh link", async () => {
    const id = await newPoc("Resend");
    const res = await share(admin, { subject_id: id, principal_type: "user", email: "later@outside.example", actions: ["view"] });
    expect((await admin(resendRoute.POST, { method: "POST", params: { grant_id: res.body.id } })).status).toBe(204);
    const rows = await getDb().select().from(invites).where(eq(invites.email, "later@outside.example"));
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.tokenHash)).size).toBe(2);
  });
});

describe("teams and roles are evaluated at request time", () => {
  it("a team grant follows team membership", async () => {
    const admins = await actor("acmeAdmin");
    const team = await createTeam(admins, { name: "Solution engineers" });
    await addTeamMember(admins, team.id, await userId("acmeMia"));
    const id = await newPoc("Team share");
    expect((await share(admin, { subject_id: id, principal_type: "team", principal_id: team.id, actions: ["view", "edit"] })).status).toBe(201);
    expect((await getPoc(mia, id)).body.permissions.actions).toEqual(["view", "edit"]);
    await removeTeamMember(admins, team.id, await userId("acmeMia"));
    expect((await getPoc(mia, id)).status).toBe(404);
  });

  it("a role grant follows the user's current role", async () => {
    const id = await newPoc("Executive briefing");
    expect((await share(admin, { subject_id: id, principal_type: "role", principal_id: "executive", actions: ["view"] })).status).toBe(201);
    expect((await getPoc(erin, id)).status).toBe(200);
    expect((await erin(meShared.GET)).body.data.map((d: any) => d.poc.title)).toContain("Executive briefing");
    await updateMember(await actor("acmeAdmin"), await userId("acmeExec"), { role: "member" });
    expect((await getPoc(erin, id)).status).toBe(404);
    await updateMember(await actor("acmeAdmin"), await userId("acmeExec"), { role: "executive" });
    expect((await getPoc(erin, id)).status).toBe(200);
  });

  it("a team of another tenant cannot be used", async () => {
    const globexTeam = await createTeam(await actor("globexAdmin"), { name: "Globex team" });
    const id = await newPoc("Cross-tenant team");
    const res = await share(admin, { subject_id: id, principal_type: "team", principal_id: globexTeam.id, actions: ["view"] });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe("principal_id");
  });
});

describe("re-sharing (rule 3)", () => {
  it("a holder of share grants at most their own actions and expiry, never links", async () => {
    const id = await newPoc("Reshare");
    const markExpiry = new Date(Date.now() + 7 * 86_400_000).toISOString();
    expect((await share(admin, { subject_id: id, principal_type: "user", email: "mark@acme.test", actions: ["view", "share"], expires_at: markExpiry })).status).toBe(201);

    const escalate = await share(mark, { subject_id: id, principal_type: "user", email: "mia@acme.test", actions: ["view", "edit"], expires_at: markExpiry });
    expectProblem(escalate, 403, "auth/forbidden");
    expect(escalate.body.detail).toContain("cannot grant edit");
    const longer = await share(mark, { subject_id: id, principal_type: "user", email: "mia@acme.test", actions: ["view"] });
    expectProblem(longer, 403, "auth/forbidden");
    const link = await share(mark, { subject_id: id, principal_type: "link", actions: ["view"] });
    expectProblem(link, 403, "auth/forbidden");
    const ok = await share(mark, { subject_id: id, principal_type: "user", email: "mia@acme.test", actions: ["view"], expires_at: markExpiry });
    expect(ok.status).toBe(201);
    expect((await getPoc(mia, id)).body.permissions.actions).toEqual(["view"]);

    // Mark may change his own grant within his rights, not the admin's.
    const [adminsGrant] = await getDb().select().from(sharingGrants).where(and(eq(sharingGrants.subjectId, id), eq(sharingGrants.principalUserId, await userId("acmeMark"))));
    expect((await mark(grantRoute.PATCH, { method: "PATCH", params: { grant_id: adminsGrant!.id }, body: { actions: ["view", "share", "edit"] } })).status).toBe(403);
    expect((await mark(grantRoute.PATCH, { method: "PATCH", params: { grant_id: ok.body.id }, body: { actions: ["view", "edit"] } })).status).toBe(403);

    // Audit: each change wrote its row.
    const created = await getDb().select().from(auditEvents).where(and(eq(auditEvents.subjectId, ok.body.id), eq(auditEvents.action, "grant.created")));
    expect(created).toHaveLength(1);
    expect(created[0]!.actorUserId).toBe(await userId("acmeMark"));
  });

  it("members without share cannot list or create grants", async () => {
    const id = await newPoc("No share");
    await share(admin, { subject_id: id, principal_type: "user", email: "mia@acme.test", actions: ["view"] });
    expectProblem(await share(mia, { subject_id: id, principal_type: "user", email: "mark@acme.test", actions: ["view"] }), 403, "auth/forbidden");
    expectProblem(await mia(grantsRoute.GET, { path: `/api/v1/sharing/grants?subject_type=poc&subject_id=${id}` }), 403, "auth/forbidden");
  });

  it("deactivating a user ends their access on the next request", async () => {
    const id = await newPoc("Deactivation");
    await share(admin, { subject_id: id, principal_type: "user", email: "mia@acme.test", actions: ["view"] });
    const cookie = await sessionCookie("acmeMia");
    expect((await getPoc(mia, id)).status).toBe(200);
    await updateMember(await actor("acmeAdmin"), await userId("acmeMia"), { active: false });
    const res = await pocRoute.GET(new Request(`http://localhost:3999/api/v1/pocs/${id}`, { headers: { cookie } }), { params: Promise.resolve({ poc_id: id }) });
    expect(res.status).toBe(401);
    await updateMember(await actor("acmeAdmin"), await userId("acmeMia"), { active: true });
  });
});

describe("member administration", () => {
  it("refuses to demote the last active admin", async () => {
    await expect(updateMember(await actor("acmeAdmin"), await userId("acmeAdmin"), { role: "member" })).rejects.toMatchObject({ code: "resource/conflict" });
    const [m] = await getDb().select().from(memberships).where(eq(memberships.userId, await userId("acmeAdmin")));
    expect(m!.role).toBe("tenant_admin");
  });

  it("SCIM-synced teams are read-only here", async () => {
    const [acme] = await getDb().select({ tenantId: memberships.tenantId }).from(memberships).where(eq(memberships.userId, await userId("acmeAdmin")));
    const [scim] = await getDb().insert(teams).values({ tenantId: acme!.tenantId, name: "From IdP", source: "scim", externalId: "g-1" }).returning();
    await expect(addTeamMember(await actor("acmeAdmin"), scim!.id, await userId("acmeMark"))).rejects.toMatchObject({ code: "auth/forbidden" });
    expect(await getDb().select().from(teamMembers).where(eq(teamMembers.teamId, scim!.id))).toHaveLength(0);
  });
});

