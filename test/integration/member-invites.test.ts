/**
 * Settings → Members invitations (issue 17): an admin invites an email with a role; the emailed
 * link creates the account and the membership with that role. Only admins invite, a member is
 * not invited twice, and a revoked or replaced link no longer works.
 */
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, emailOutbox, memberships, users } from "@/db/schema";
import { authenticate } from "@/lib/auth/service";
import { acceptInvite, inspectInvite, signUpWithInvite } from "@/lib/invites/service";
import { inviteMember, listMemberInvites, resendMemberInvite, revokeMemberInvite } from "@/lib/tenants/service";
import { actor, seed } from "../helpers";

beforeAll(async () => {
  await seed();
});

async function outboxTo(email: string) {
  return getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).orderBy(desc(emailOutbox.createdAt));
}

/** The token of the newest invitation email to this address (the link is the only place it exists). */
async function tokenFor(email: string): Promise<string> {
  const [mail] = await outboxTo(email);
  const token = /\/invite\/([A-Za-z0-9_-]{43})$/.exec(mail?.linkUrl ?? "")?.[1];
  if (!token) throw new Error(`no invitation link for ${email}`);
  return token;
}

async function membershipOf(tenantId: string, email: string) {
  const [row] = await getDb()
    .select({ role: memberships.role, active: memberships.active })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(users.email, email)));
  return row ?? null;
}

const auditOf = async (tenantId: string, action: string) =>
  (await getDb().select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.action, action)))).map((e) => e.payload);

describe("inviting a member", () => {
  it("emails a link whose account gets the invited role on accept, audited both ways", async () => {
    const admin = await actor("acmeAdmin");
    const tenantId = admin.tenantId!;
    expect(await inviteMember(admin, { email: "new.exec@example.test", role: "executive" })).toEqual({ email: "new.exec@example.test", role: "executive" });

    const [mail] = await outboxTo("new.exec@example.test");
    expect(mail!.subject).toContain("invited you to join");
    expect(mail!.textBody).toContain("as an executive");
    expect(await auditOf(tenantId, "member.invited")).toContainEqual({ email: "new.exec@example.test", role: "executive" });
    const pending = await listMemberInvites(admin);
    expect(pending).toContainEqual(expect.objectContaining({ email: "new.exec@example.test", role: "executive", invited_by: "Alice Admin", expired: false }));

    const token = await tokenFor("new.exec@example.test");
    expect(await inspectInvite(token)).toMatchObject({ state: "open", kind: "member", role: "executive", tenantName: admin.tenantName });
    expect(await signUpWithInvite(token, { name: "Nina Exec", password: "a-chosen-password" })).toMatchObject({ kind: "member", pocId: null });

    expect(await membershipOf(tenantId, "new.exec@example.test")).toEqual({ role: "executive", active: true });
    expect(await authenticate("new.exec@example.test", "a-chosen-password")).toMatchObject({ email: "new.exec@example.test" });
    expect(await auditOf(tenantId, "member.joined")).toContainEqual({ email: "new.exec@example.test", role: "executive", via: "invite" });
    expect((await listMemberInvites(admin)).map((i) => i.email)).not.toContain("new.exec@example.test");
    expect(await inspectInvite(token)).toMatchObject({ state: "used" });
  });

  it("an existing account of another tenant joins by accepting while signed in", async () => {
    const admin = await actor("acmeAdmin");
    await inviteMember(admin, { email: "admin@globex.test", role: "member" });
    const gus = await actor("globexAdmin");
    expect(await acceptInvite(gus, await tokenFor("admin@globex.test"))).toEqual({ pocId: null, kind: "member" });
    expect(await membershipOf(admin.tenantId!, "admin@globex.test")).toEqual({ role: "member", active: true });
    // Still admin of Globex.
    expect(await membershipOf(gus.tenantId!, "admin@globex.test")).toMatchObject({ role: "tenant_admin" });
  });

  it("is refused to non-admins, and to an email that already is a member", async () => {
    const mark = await actor("acmeMark");
    await expect(inviteMember(mark, { email: "by.mark@example.test", role: "member" })).rejects.toMatchObject({ status: 403 });
    await expect(listMemberInvites(mark)).rejects.toMatchObject({ status: 403 });
    expect(await outboxTo("by.mark@example.test")).toEqual([]);

    const admin = await actor("acmeAdmin");
    await expect(inviteMember(admin, { email: "mark@acme.test", role: "tenant_admin" })).rejects.toMatchObject({
      status: 409,
      fields: [{ field: "email", message: "mark@acme.test is already a member" }],
    });
    expect(await outboxTo("mark@acme.test")).toEqual([]);
    expect(await membershipOf(admin.tenantId!, "mark@acme.test")).toMatchObject({ role: "member" });
  });

  it("a link whose email became a member meanwhile is gone, not a second membership", async () => {
    const admin = await actor("acmeAdmin");
    await inviteMember(admin, { email: "twice@example.test", role: "member" });
    await inviteMember(admin, { email: "twice@example.test", role: "executive" });
    const token = await tokenFor("twice@example.test");
    await signUpWithInvite(token, { name: "Twice", password: "a-chosen-password" });
    expect(await membershipOf(admin.tenantId!, "twice@example.test")).toEqual({ role: "executive", active: true });
    await expect(inviteMember(admin, { email: "twice@example.test", role: "member" })).rejects.toMatchObject({ status: 409 });
  });
});

describe("pending invitations", () => {
  it("resend replaces the link; revoke ends it, audited, and the link is no longer accepted", async () => {
    const admin = await actor("acmeAdmin");
    await inviteMember(admin, { email: "revoked@example.test", role: "member" });
    const first = await tokenFor("revoked@example.test");
    const [invite] = (await listMemberInvites(admin)).filter((i) => i.email === "revoked@example.test");

    await resendMemberInvite(admin, invite!.id);
    const second = await tokenFor("revoked@example.test");
    expect(second).not.toBe(first);
    expect(await inspectInvite(first)).toEqual({ state: "gone", kind: "member" });
    const [resent] = (await listMemberInvites(admin)).filter((i) => i.email === "revoked@example.test");
    expect(resent).toMatchObject({ role: "member" });

    // Another tenant's admin sees no such invitation.
    await expect(revokeMemberInvite(await actor("globexAdmin"), resent!.id)).rejects.toMatchObject({ status: 404 });
    await expect(revokeMemberInvite(await actor("acmeMark"), resent!.id)).rejects.toMatchObject({ status: 403 });

    await revokeMemberInvite(admin, resent!.id);
    expect(await auditOf(admin.tenantId!, "member.invite_revoked")).toContainEqual({ email: "revoked@example.test", role: "member" });
    expect(await inspectInvite(second)).toEqual({ state: "gone", kind: "member" });
    await expect(signUpWithInvite(second, { name: "Too Late", password: "a-chosen-password" })).rejects.toMatchObject({ code: "invite/gone" });
    expect(await membershipOf(admin.tenantId!, "revoked@example.test")).toBeNull();
    expect((await listMemberInvites(admin)).map((i) => i.email)).not.toContain("revoked@example.test");
    await expect(revokeMemberInvite(admin, resent!.id)).rejects.toMatchObject({ status: 404 });
  });
});
