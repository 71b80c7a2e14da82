/**
 * What SCIM does to accounts beyond the protocol: a provisioned member (no password) is emailed
 * a single-use, expiring link to choose one and then signs in; SCIM cannot take away a tenant's
 * last active admin; POST /Users stays a handful of statements.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as inviteRoute } from "@/app/invite/[token]/route";
import { GET as listUsersRoute } from "@/app/scim/v2/Users/route";
import { getDb, queryCounter } from "@/db/client";
import { auditEvents, emailOutbox, invites, memberships, users } from "@/db/schema";
import { authenticate } from "@/lib/auth/service";
import { inspectInvite, signUpWithInvite } from "@/lib/invites/service";
import { createGrant } from "@/lib/sharing/service";
import { membersAwaitingPassword, sendPasswordLink, updateMember } from "@/lib/tenants/service";
import { actor, call, pocId, seed, userId } from "../helpers";
import { CORE_USER, expectScim, expectScimError, scimClient, type ScimClient } from "../scim-helpers";

let acme: ScimClient;
let globex: ScimClient;
let globexTenantId: string;
beforeAll(async () => {
  await seed();
  acme = await scimClient("acmeAdmin");
  globex = await scimClient("globexAdmin");
  globexTenantId = (await actor("globexAdmin")).tenantId!;
});

const scimUser = (email: string, extra: Record<string, unknown> = {}) => ({
  schemas: [CORE_USER],
  userName: email,
  name: { givenName: "Sam", familyName: "Scim" },
  emails: [{ primary: true, value: email, type: "work" }],
  active: true,
  ...extra,
});

async function outboxTo(email: string) {
  return getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).orderBy(desc(emailOutbox.createdAt));
}

/** The token of the newest set-password email to this address (the link is the only place it exists). */
async function setupTokenFor(email: string): Promise<string> {
  const [mail] = await outboxTo(email);
  const token = /\/invite\/([A-Za-z0-9_-]{43})$/.exec(mail?.linkUrl ?? "")?.[1];
  if (!token) throw new Error(`no set-password link was sent to ${email}`);
  expect(mail!.textBody).toContain(mail!.linkUrl!);
  return token;
}

const openLink = (token: string) => call(inviteRoute as Parameters<typeof call>[0], { path: `/invite/${token}`, params: { token } });

async function auditActions(subjectId: string): Promise<string[]> {
  const rows = await getDb().select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, subjectId)).orderBy(auditEvents.id);
  return rows.map((r) => r.action);
}

describe("set your password through an emailed link", () => {
  it("a created member gets a single-use link, hashed at rest; choosing a password lets them sign in", async () => {
    const created = expectScim(await acme.createUser(scimUser("sam.setup@acme.test")), 201);
    const [account] = await getDb().select().from(users).where(eq(users.id, created.id));
    expect(account!.passwordHash).toBeNull();
    expect(await authenticate("sam.setup@acme.test", "a-chosen-password")).toBeNull();

    const mails = await outboxTo("sam.setup@acme.test");
    expect(mails.map((m) => m.subject)).toEqual(["Set your password for Acme on poc-manager"]);
    const token = await setupTokenFor("sam.setup@acme.test");
    expect(JSON.stringify(await getDb().select().from(invites))).not.toContain(token);
    const [created_audit] = await getDb().select().from(auditEvents).where(and(eq(auditEvents.subjectId, created.id), eq(auditEvents.action, "scim.user.created")));
    expect(created_audit!.payload).toMatchObject({ setPasswordLinkSent: true });
    expect(JSON.stringify(created_audit!.payload)).not.toContain(token);

    // Opening the link (as a mail scanner would) spends nothing; it leads on to the form.
    expect((await openLink(token)).status).toBe(303);
    expect(await inspectInvite(token)).toMatchObject({ state: "open", kind: "account_setup", email: "sam.setup@acme.test", tenantName: "Acme", accountName: "Sam Scim" });

    await expect(signUpWithInvite(token, { name: "Sam Scim", password: "a-chosen-password" })).resolves.toMatchObject({ email: "sam.setup@acme.test", kind: "account_setup" });
    expect(await authenticate("sam.setup@acme.test", "a-chosen-password")).toMatchObject({ id: created.id });
    // The same account, still one membership of Acme (no second user was created).
    expect(await getDb().select({ id: users.id }).from(users).where(eq(users.email, "sam.setup@acme.test"))).toEqual([{ id: created.id }]);
    expect(await auditActions(created.id)).toContain("user.password_set");

    // Single use: the link is dead now, for the form and for the page.
    await expect(signUpWithInvite(token, { name: "Again", password: "another-password-1" })).rejects.toMatchObject({ status: 410, code: "invite/gone" });
    const page = await openLink(token);
    expect(page.status).toBe(410);
    expect(page.body).toContain("This link has already been used");
    expect(await authenticate("sam.setup@acme.test", "another-password-1")).toBeNull();
  });

  it("the link expires", async () => {
    expectScim(await acme.createUser(scimUser("late.setup@acme.test")), 201);
    const token = await setupTokenFor("late.setup@acme.test");
    await getDb().update(invites).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(invites.email, "late.setup@acme.test"));
    expect(await inspectInvite(token)).toMatchObject({ state: "expired", kind: "account_setup" });
    await expect(signUpWithInvite(token, { name: "Late", password: "a-chosen-password" })).rejects.toMatchObject({ status: 410 });
    const page = await openLink(token);
    expect({ status: page.status, expired: String(page.body).includes("This link has expired") }).toEqual({ status: 410, expired: true });
    expect(await authenticate("late.setup@acme.test", "a-chosen-password")).toBeNull();
  });

  it("is sent when an inactive member is activated, not before; deactivation kills an open link; reactivation sends a fresh one", async () => {
    const created = expectScim(await acme.createUser(scimUser("later.setup@acme.test", { active: false })), 201);
    expect(await outboxTo("later.setup@acme.test")).toEqual([]);

    expectScim(await acme.patchUser(created.id, [{ op: "Replace", path: "active", value: "True" }]), 200);
    const first = await setupTokenFor("later.setup@acme.test");
    expect(await inspectInvite(first)).toMatchObject({ state: "open" });

    expectScim(await acme.patchUser(created.id, [{ op: "replace", value: { active: false } }]), 200);
    expect(await inspectInvite(first)).toMatchObject({ state: "gone", kind: "account_setup" });
    await expect(signUpWithInvite(first, { name: "Later", password: "a-chosen-password" })).rejects.toMatchObject({ status: 410 });

    expectScim(await acme.patchUser(created.id, [{ op: "replace", value: { active: true } }]), 200);
    const second = await setupTokenFor("later.setup@acme.test");
    expect(second).not.toBe(first);
    // The older link was replaced, not revived by the reactivation.
    expect(await inspectInvite(first)).toMatchObject({ state: "gone" });
    await signUpWithInvite(second, { name: "Later", password: "a-chosen-password" });
    expect(await authenticate("later.setup@acme.test", "a-chosen-password")).toMatchObject({ id: created.id });
  });

  it("a removed member's link stops working", async () => {
    const created = expectScim(await acme.createUser(scimUser("removed.setup@acme.test")), 201);
    const token = await setupTokenFor("removed.setup@acme.test");
    expectScim(await acme.deleteUser(created.id), 204);
    expect(await inspectInvite(token)).toMatchObject({ state: "gone" });
    await expect(signUpWithInvite(token, { name: "Removed", password: "a-chosen-password" })).rejects.toMatchObject({ status: 410 });
  });

  it("an account that already has a password gets no link when another tenant provisions it", async () => {
    const mark = await userId("acmeMark");
    const created = expectScim(await globex.createUser(scimUser("mark@acme.test")), 201);
    expect(created.id).toBe(mark);
    expect(await outboxTo("mark@acme.test")).toEqual([]);
  });

  it("an invitation to a POC, sent before SCIM created the account, sets that account's password instead of failing", async () => {
    const admin = await actor("acmeAdmin");
    await createGrant(admin, { subject_type: "poc", subject_id: await pocId("northwind"), principal_type: "user", email: "early.invitee@acme.test", actions: ["view"] } as never);
    const [invitation] = await outboxTo("early.invitee@acme.test");
    const inviteToken = /\/invite\/([A-Za-z0-9_-]{43})$/.exec(invitation!.linkUrl!)![1]!;

    const created = expectScim(await acme.createUser(scimUser("early.invitee@acme.test")), 201);
    const result = await signUpWithInvite(inviteToken, { name: "Early Invitee", password: "a-chosen-password" });
    expect(result).toMatchObject({ email: "early.invitee@acme.test", pocId: await pocId("northwind") });
    expect(await authenticate("early.invitee@acme.test", "a-chosen-password")).toMatchObject({ id: created.id });
    expect(await getDb().select({ id: users.id }).from(users).where(eq(users.email, "early.invitee@acme.test"))).toEqual([{ id: created.id }]);
    // Their password is set: the set-password link from SCIM is no longer open.
    expect(await inspectInvite(await setupTokenFor("early.invitee@acme.test"))).toMatchObject({ state: "gone" });
  });
});

describe("a fresh link from Settings → Members", () => {
  it("an admin sends a new link when the first expired; the older one stops working; it is audited", async () => {
    const created = expectScim(await acme.createUser(scimUser("resend.setup@acme.test")), 201);
    const first = await setupTokenFor("resend.setup@acme.test");
    await getDb().update(invites).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(invites.email, "resend.setup@acme.test"));
    const admin = await actor("acmeAdmin");
    expect(await membersAwaitingPassword(admin)).toContain(created.id);

    await sendPasswordLink(admin, created.id);
    const second = await setupTokenFor("resend.setup@acme.test");
    expect(second).not.toBe(first);
    expect(await inspectInvite(first)).toMatchObject({ state: "gone" });
    expect(await auditActions(created.id)).toContain("member.password_link_sent");
    await signUpWithInvite(second, { name: "Resent", password: "a-chosen-password" });
    expect(await authenticate("resend.setup@acme.test", "a-chosen-password")).toMatchObject({ id: created.id });
    expect(await membersAwaitingPassword(admin)).not.toContain(created.id);
  });

  it("only for active members without a password, and only by admins", async () => {
    const admin = await actor("acmeAdmin");
    await expect(sendPasswordLink(admin, await userId("acmeMark"))).rejects.toMatchObject({ status: 409, message: "Mark Member already has a password" });
    const inactive = expectScim(await acme.createUser(scimUser("inactive.setup@acme.test", { active: false })), 201);
    await expect(sendPasswordLink(admin, inactive.id)).rejects.toMatchObject({ status: 409 });
    await expect(sendPasswordLink(await actor("acmeMark"), inactive.id)).rejects.toMatchObject({ status: 403 });
    // Another tenant's member is no member here.
    await expect(sendPasswordLink(await actor("globexAdmin"), inactive.id)).rejects.toMatchObject({ status: 404 });
    expect(await outboxTo("inactive.setup@acme.test")).toEqual([]);
  });
});

describe("the last active admin", () => {
  // Globex has one admin, Gus; SCIM sees every member of the tenant, not only those it created.
  it("cannot be deactivated (PATCH, Entra PATCH, PUT) or deleted through SCIM; nothing changes", async () => {
    const gus = await userId("globexAdmin");
    const before = await auditActions(gus);
    const current = expectScim(await globex.getUser(gus), 200);

    const attempts = [
      await globex.patchUser(gus, [{ op: "replace", value: { active: false } }]),
      await globex.patchUser(gus, [{ op: "Replace", path: "active", value: "False" }]),
      await globex.putUser(gus, { ...current, active: false }),
      await globex.deleteUser(gus),
    ];
    for (const res of attempts) {
      expectScimError(res, 400, "mutability");
      expect(res.body.detail).toContain("only active admin");
    }
    const [membership] = await getDb().select().from(memberships).where(eq(memberships.userId, gus));
    expect(membership).toMatchObject({ active: true, role: "tenant_admin" });
    expect(await auditActions(gus)).toEqual(before);
    expect(expectScim(await globex.getUser(gus), 200).active).toBe(true);
  });

  it("can be deactivated once another admin is active; then the other one is the last", async () => {
    const gus = await userId("globexAdmin");
    const second = expectScim(await globex.createUser(scimUser("second.admin@globex.test")), 201);
    await updateMember(await actor("globexAdmin"), second.id, { role: "tenant_admin" });

    expectScim(await globex.patchUser(gus, [{ op: "replace", value: { active: false } }]), 200);
    expectScimError(await globex.deleteUser(second.id), 400, "mutability");
    expectScimError(await globex.patchUser(second.id, [{ op: "replace", path: "active", value: false }]), 400, "mutability");

    // Gus back, so the two can race: of two concurrent deactivations, exactly one passes.
    expectScim(await globex.patchUser(gus, [{ op: "replace", value: { active: true } }]), 200);
    const race = await Promise.all([gus, second.id].map((id) => globex.patchUser(id, [{ op: "replace", value: { active: false } }])));
    expect(race.map((r) => r.status).sort()).toEqual([200, 400]);
    const active = await getDb()
      .select({ id: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.role, "tenant_admin"), eq(memberships.active, true), eq(memberships.tenantId, globexTenantId)));
    expect(active).toHaveLength(1);
    expectScim(await globex.patchUser(gus, [{ op: "replace", value: { active: true } }]), 200);
  });

  it("a member who is not an admin is deactivated and deleted as before", async () => {
    const member = expectScim(await globex.createUser(scimUser("plain.member@globex.test")), 201);
    expectScim(await globex.patchUser(member.id, [{ op: "replace", value: { active: false } }]), 200);
    expectScim(await globex.deleteUser(member.id), 204);
  });
});

describe("POST /Users round trips", () => {
  /** Statements the request sends to the database (the token's last-used write is at most once a minute). */
  async function statementsOf(run: () => Promise<unknown>): Promise<number> {
    await call(listUsersRoute, { path: "/scim/v2/Users?count=0", headers: { authorization: `Bearer ${acme.token}` } });
    const start = queryCounter.count;
    await run();
    return queryCounter.count - start;
  }

  it("creates an account, its membership, the set-password email and the audit row in 6 statements", async () => {
    let res: Awaited<ReturnType<ScimClient["createUser"]>> | undefined;
    const statements = await statementsOf(async () => (res = await acme.createUser(scimUser("counted@acme.test"))));
    expectScim(res!, 201);
    expect(await outboxTo("counted@acme.test")).toHaveLength(1);
    // Token lookup, account + membership, set-password link, its email, audit chain head, audit row.
    expect(statements).toBeLessThanOrEqual(6);
  });

  it("links an existing account with a password in 4 statements", async () => {
    let res: Awaited<ReturnType<ScimClient["createUser"]>> | undefined;
    const statements = await statementsOf(async () => (res = await acme.createUser(scimUser("admin@globex.test", { userName: "gus.in.acme" }))));
    expect(expectScim(res!, 201).id).toBe(await userId("globexAdmin"));
    expect(statements).toBeLessThanOrEqual(4);
  });

  it("answers conflicts with 409 uniqueness from the unique indexes and leaves nothing behind", async () => {
    expectScim(await acme.createUser(scimUser("taken@acme.test", { externalId: "ext-taken" })), 201);
    const conflicts = [
      // The userName is taken (case-insensitively); the email is new: no account may stay behind.
      [await acme.createUser(scimUser("fresh.one@acme.test", { userName: "TAKEN@acme.test" })), "userName"],
      [await acme.createUser(scimUser("fresh.two@acme.test", { externalId: "ext-taken" })), "externalId"],
      [await acme.createUser(scimUser("taken@acme.test", { userName: "other-name" })), "email"],
    ] as const;
    for (const [res, field] of conflicts) {
      expectScimError(res, 409, "uniqueness");
      expect(res.body.detail).toContain(field);
    }
    expect(await getDb().select().from(users).where(sql`${users.email} in ('fresh.one@acme.test', 'fresh.two@acme.test')`)).toEqual([]);
    expect(await outboxTo("fresh.one@acme.test")).toEqual([]);
  });
});
