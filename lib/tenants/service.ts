/**
 * Members of a tenant (Settings → Members): tenant admins change roles and deactivate users.
 * Access is evaluated per request, so both take effect on the user's next request.
 */
import type { Actor } from "@/lib/auth/actor";
import type { TenantRole } from "@/db/schema";
import { AppError, forbidden, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { endSessionsForUserIn } from "@/lib/auth/sessions";
import { transaction, type Executor } from "@/lib/db/repo";
import { kickEmailDelivery } from "@/lib/email/service";
import { listMemberInvites as listOpenInvites, queueAccountSetup, queueMemberInvite, revokeMemberInvite as revokeOpenInvite } from "@/lib/invites/service";
import * as repo from "./repo";
import { revokeGrant } from "@/lib/sharing/service";
import type { ExternalGuestJson, InviteMemberInput, MemberInviteJson, MemberJson, UpdateMemberInput } from "./schemas";

function adminTenant(actor: Actor): string {
  if (actor.role !== "tenant_admin" || !actor.tenantId) throw forbidden("Only tenant admins manage members");
  return actor.tenantId;
}

/** Members are visible to everyone in the tenant (assignees, share suggestions). */
export async function listMembers(actor: Actor): Promise<MemberJson[]> {
  if (!actor.tenantId) return [];
  return repo.listMembers(actor.tenantId);
}

/** Members of a given tenant, for services that already checked the caller's access. */
export const listTenantMembers = (tenantId: string): Promise<MemberJson[]> => repo.listMembers(tenantId);

export async function areTenantMembersOf(tenantId: string, userIds: string[]): Promise<boolean> {
  const unique = [...new Set(userIds)];
  return unique.length === 0 || (await repo.countMembers(tenantId, unique)) === unique.length;
}

export async function updateMember(actor: Actor, userId: string, input: UpdateMemberInput): Promise<MemberJson> {
  const tenantId = adminTenant(actor);
  const member = await repo.findMember(tenantId, userId);
  if (!member) throw notFound("Member");
  const losesAdmin = member.role === "tenant_admin" && member.active && ((input.role && input.role !== "tenant_admin") || input.active === false);
  const roleChange = input.role && input.role !== member.role ? input.role : null;
  const activeChange = input.active !== undefined && input.active !== member.active ? input.active : null;
  await transaction(async (tx) => {
    if (losesAdmin && (await isLastActiveAdmin(tx, tenantId, userId))) throw new AppError("resource/conflict", "A tenant needs at least one active admin");
    if (roleChange) {
      await repo.setRole(tx, tenantId, userId, roleChange);
      await recordAudit(tx, actor, { tenantId, action: "member.role_changed", subjectType: "user", subjectId: userId, payload: { email: member.email, before: member.role, after: roleChange } });
    }
    if (activeChange !== null) {
      await repo.setActive(tx, tenantId, userId, activeChange);
      await recordAudit(tx, actor, { tenantId, action: activeChange ? "member.reactivated" : "member.deactivated", subjectType: "user", subjectId: userId, payload: { email: member.email } });
    }
    // A deactivated user, or one whose role narrowed, signs in again: copied cookies die now.
    if (activeChange === false || (roleChange && ROLE_RANK[roleChange] < ROLE_RANK[member.role])) {
      await endSessionsForUserIn(tx, userId, tenantId);
    }
  });
  return (await repo.findMember(tenantId, userId))!;
}

/** Settings → Members: who has not chosen a password yet (they can be sent a new link). */
export async function membersAwaitingPassword(actor: Actor): Promise<string[]> {
  return repo.awaitingPasswordIds(adminTenant(actor));
}

/**
 * Emails an active member whose account has no password (provisioned by SCIM) a fresh link to
 * choose one, for when the first expired or was lost; the earlier link stops working.
 */
export async function sendPasswordLink(actor: Actor, userId: string): Promise<void> {
  const tenantId = adminTenant(actor);
  const member = await repo.findMember(tenantId, userId);
  if (!member) throw notFound("Member");
  await transaction(async (tx) => {
    const [awaiting] = await repo.awaitingPasswordIds(tenantId, [userId], tx);
    if (!awaiting) throw new AppError("resource/conflict", member.active ? `${member.name} already has a password` : `${member.name} is deactivated: reactivate them first`);
    await queueAccountSetup(tx, { tenantId, tenantName: actor.tenantName ?? "your organisation", email: member.email });
    await recordAudit(tx, actor, { tenantId, action: "member.password_link_sent", subjectType: "user", subjectId: userId, payload: { email: member.email } });
  });
  kickEmailDelivery();
}

/** Settings → Members: invitations to join that were not used or revoked yet, newest first. */
export async function listMemberInvites(actor: Actor): Promise<MemberInviteJson[]> {
  const rows = await listOpenInvites(adminTenant(actor));
  return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, invited_by: r.invitedBy, created_at: r.createdAt.toISOString(), expires_at: r.expiresAt.toISOString(), expired: r.expired }));
}

async function openMemberInvite(tenantId: string, inviteId: string) {
  const [invite] = await listOpenInvites(tenantId, inviteId);
  if (!invite) throw notFound("Invitation");
  return invite;
}

/**
 * Invites someone by email to join the tenant with a role (tenant admins only: the one role that
 * manages members, so an admin may give any role). The link is emailed through the outbox; a
 * person who already is a member is told so instead. Sending again to the same email replaces the
 * earlier link (Resend).
 */
export async function inviteMember(actor: Actor, input: InviteMemberInput, resent = false): Promise<{ email: string; role: TenantRole }> {
  const tenantId = adminTenant(actor);
  const tenantName = actor.tenantName ?? "your organisation";
  await transaction(async (tx) => {
    if (await repo.isMemberEmail(tx, tenantId, input.email)) throw new AppError("resource/conflict", `${input.email} is already a member of ${tenantName}`, { fields: [{ field: "email", message: `${input.email} is already a member` }] });
    await queueMemberInvite(tx, { tenantId, tenantName, email: input.email, role: input.role, inviter: actor });
    await recordAudit(tx, actor, { tenantId, action: resent ? "member.invite_resent" : "member.invited", subjectType: "tenant", subjectId: tenantId, payload: { email: input.email, role: input.role } });
  });
  kickEmailDelivery();
  return { email: input.email, role: input.role };
}

/** Sends an open invitation again with a fresh link (a lost or expired email); the earlier link stops working. */
export async function resendMemberInvite(actor: Actor, inviteId: string): Promise<{ email: string; role: TenantRole }> {
  const invite = await openMemberInvite(adminTenant(actor), inviteId);
  return inviteMember(actor, { email: invite.email, role: invite.role }, true);
}

/** Revokes an open invitation: its link stops working at once. */
export async function revokeMemberInvite(actor: Actor, inviteId: string): Promise<void> {
  const tenantId = adminTenant(actor);
  const invite = await openMemberInvite(tenantId, inviteId);
  await transaction(async (tx) => {
    if (!(await revokeOpenInvite(tx, tenantId, inviteId))) throw notFound("Invitation");
    await recordAudit(tx, actor, { tenantId, action: "member.invite_revoked", subjectType: "tenant", subjectId: tenantId, payload: { email: invite.email, role: invite.role } });
  });
}

/**
 * Whether this member is the tenant's only active admin, asked before taking that away (in the
 * app or over SCIM): a tenant always keeps someone who can manage it. Holds the tenant's admin
 * lock until the caller's transaction ends.
 */
export async function isLastActiveAdmin(tx: Executor, tenantId: string, userId: string): Promise<boolean> {
  await repo.lockTenantAdmins(tx, tenantId);
  return (await repo.countOtherActiveAdmins(tx, tenantId, userId)) === 0;
}

/**
 * A narrowing is losing tenant admin: members and executives differ in what they do, not in
 * how much they may reach (role grants can favour either), so a change between them is not.
 */
const ROLE_RANK: Record<TenantRole, number> = { executive: 0, member: 0, tenant_admin: 1 };

function guestsOf(rows: Awaited<ReturnType<typeof repo.listExternalGuestGrants>>): ExternalGuestJson[] {
  const byUser = new Map<string, ExternalGuestJson>();
  for (const row of rows) {
    const guest = byUser.get(row.userId) ?? { id: row.userId, name: row.name, email: row.email, shared: [] };
    guest.shared.push({ grant_id: row.grantId, poc_id: row.pocId, poc_title: row.pocTitle, actions: row.actions, expires_at: row.expiresAt?.toISOString() ?? null });
    byUser.set(row.userId, guest);
  }
  return [...byUser.values()];
}

/** Invitees outside the tenant who signed up, with what is shared with them (admins only). */
export async function listExternalGuests(actor: Actor): Promise<ExternalGuestJson[]> {
  return guestsOf(await repo.listExternalGuestGrants(adminTenant(actor)));
}

/**
 * Removes an external guest from the tenant: every live grant they hold on its POCs is
 * revoked (each one audited, as from the Share dialog). Their account stays: it may hold
 * access elsewhere.
 */
export async function removeExternalGuest(actor: Actor, userId: string): Promise<{ revoked: number }> {
  const [guest] = guestsOf(await repo.listExternalGuestGrants(adminTenant(actor), userId));
  if (!guest) throw notFound("External guest");
  for (const grant of guest.shared) await revokeGrant(actor, grant.grant_id);
  return { revoked: guest.shared.length };
}
