/**
 * Invitations: an email that has no account gets a single-use link (hashed at rest, valid for
 * 7 days). Signing up through it creates the account and binds every grant waiting for that
 * email; an existing account binds them on its next sign-in.
 *
 * Account-setup links are the same kind of link without a grant: a member provisioned by SCIM
 * has an account but no password, and chooses one through it. Any invitation to an email whose
 * account has no password sets the password on that account instead of creating one.
 */
import { sessionActorOf, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/service";
import { listUserTenantIds } from "@/lib/auth/repo";
import { AppError } from "@/lib/api/errors";
import { hashPassword } from "@/lib/auth/password";
import { config } from "@/lib/config";
import { transaction, type Executor } from "@/lib/db/repo";
import { plainLine, quoted } from "@/lib/email/compose";
import { queueEmail } from "@/lib/email/service";
import { randomToken, sha256 } from "@/lib/security/crypto";
import { bindPendingGrants } from "@/lib/sharing/repo";
import type { TenantRole } from "@/db/schema";
import * as repo from "./repo";
import type { InviteSignUpInput } from "./schemas";

const INVITE_DAYS = 7;

/** The sharer's note, quoted as theirs, or nothing. */
const noteLines = (sharerName: string, message: string | undefined): string[] =>
  message ? ["", `${quoted(sharerName, 60)} wrote:`, quoted(message, 1000)] : [];

/**
 * The subject and the first line say the same thing ("X invited you to “T”", "X shared “T”
 * with you"), so the email reads as one message whatever the client shows first.
 */
export async function queueInvite(tx: Executor, invite: { tenantId: string; email: string; grantId: string; inviter: Actor; pocTitle: string; message?: string }) {
  const token = randomToken();
  // One working link per grant: a resent invitation replaces the earlier ones.
  await repo.revokeOpenInvites(tx, invite.grantId);
  await repo.insertInvite(tx, { email: invite.email, grantId: invite.grantId, tokenHash: sha256(token), invitedByUserId: invite.inviter.userId, days: INVITE_DAYS });
  const link = `${config().appUrl}/invite/${token}`;
  await queueEmail(tx, {
    tenantId: invite.tenantId,
    to: invite.email,
    subject: `${plainLine(invite.inviter.name, 60)} invited you to ${quoted(invite.pocTitle, 80)} on poc-manager`,
    text: [
      `${quoted(invite.inviter.name, 60)} invited you to the proof of concept ${quoted(invite.pocTitle)} on poc-manager.`,
      ...noteLines(invite.inviter.name, invite.message),
      "",
      "Create your account to open it (the link works once and expires in 7 days):",
      link,
    ].join("\n"),
    linkUrl: link,
  });
}

/**
 * A tenant's link (account setup, or joining with `role`), emailed in the caller's transaction;
 * an earlier unused link of this tenant for the email stops working.
 */
async function queueTenantLink(
  tx: Executor,
  values: { tenantId: string; email: string; role?: TenantRole; invitedByUserId?: string },
  message: { subject: string; lines: string[] },
) {
  const token = randomToken();
  await repo.replaceAccountSetupInvite(tx, { ...values, tokenHash: sha256(token), days: INVITE_DAYS });
  const link = `${config().appUrl}/invite/${token}`;
  const { subject, lines } = message;
  await queueEmail(tx, { tenantId: values.tenantId, to: values.email, subject, text: [...lines, link].join("\n"), linkUrl: link });
}

/** Emails a SCIM-provisioned member (no password yet) a link to choose one. */
export async function queueAccountSetup(tx: Executor, setup: { tenantId: string; tenantName: string; email: string }) {
  await queueTenantLink(tx, setup, {
    subject: `Set your password for ${plainLine(setup.tenantName, 80)} on poc-manager`,
    lines: [
      `Your organisation ${quoted(setup.tenantName, 80)} added you to poc-manager through its identity provider.`,
      "",
      "Choose a password to sign in (the link works once and expires in 7 days):",
    ],
  });
}

const ROLE_WITH_ARTICLE: Record<TenantRole, string> = { tenant_admin: "an admin", member: "a member", executive: "an executive" };

/** Emails an invitation to join the tenant with a role (Settings → Members); resending replaces the earlier link. */
export async function queueMemberInvite(tx: Executor, invite: { tenantId: string; tenantName: string; email: string; role: TenantRole; inviter: Actor }) {
  const { tenantId, email, role, inviter } = invite;
  await queueTenantLink(tx, { tenantId, email, role, invitedByUserId: inviter.userId }, {
    subject: `${plainLine(inviter.name, 60)} invited you to join ${plainLine(invite.tenantName, 80)} on poc-manager`,
    lines: [
      `${quoted(inviter.name, 60)} invited you to join ${quoted(invite.tenantName, 80)} on poc-manager as ${ROLE_WITH_ARTICLE[role]}.`,
      "",
      "Accept to set up your account (the link works once and expires in 7 days):",
    ],
  });
}

/** The tenant's open invitations to join it, or the one with this id. */
export const listMemberInvites = (tenantId: string, inviteId?: string, tx?: Executor) => repo.listOpenMemberInvites(tenantId, inviteId, tx);

/** Ends an open invitation to join the tenant; false when it was used or revoked already. */
export const revokeMemberInvite = (tx: Executor, tenantId: string, inviteId: string) => repo.revokeMemberInvite(tx, tenantId, inviteId);

export async function queueShareNotice(tx: Executor, notice: { tenantId: string; to: string; sharerName: string; pocId: string; pocTitle: string; message?: string }) {
  await queueEmail(tx, {
    tenantId: notice.tenantId,
    to: notice.to,
    subject: `${plainLine(notice.sharerName, 60)} shared ${quoted(notice.pocTitle, 80)} with you`,
    text: [
      `${quoted(notice.sharerName, 60)} shared the proof of concept ${quoted(notice.pocTitle)} with you.`,
      ...noteLines(notice.sharerName, notice.message),
      "",
      `Open it: ${config().appUrl}/pocs/${notice.pocId}`,
    ].join("\n"),
  });
}

export type InviteKind = "grant" | "account_setup" | "member";

export type InviteState =
  | { state: "invalid" }
  /** Its grant was revoked, expired or changed, or a newer invitation replaced it: no details. */
  | { state: "gone"; kind: InviteKind }
  | { state: "used" | "expired"; kind: InviteKind; email: string }
  | {
      state: "open";
      kind: InviteKind;
      email: string;
      inviterName: string | null;
      pocId: string | null;
      pocTitle: string | null;
      /** Account setup: the organisation that provisioned the account, and its current name. */
      tenantName: string | null;
      accountName: string | null;
      /** Joining a tenant: the role the membership gets. */
      role: TenantRole | null;
    };

export async function inspectInvite(token: string): Promise<InviteState> {
  const row = await repo.findInviteByTokenHash(sha256(token.slice(0, 512)));
  if (!row) return { state: "invalid" };
  const { kind } = row;
  if (row.usedAt) return { state: "used", kind, email: row.email };
  if (row.gone) return { state: "gone", kind };
  if (row.expired) return { state: "expired", kind, email: row.email };
  return { state: "open", kind, email: row.email, inviterName: row.inviterName, pocId: row.pocId, pocTitle: row.pocTitle, tenantName: row.tenantName, accountName: row.accountName, role: row.role };
}

async function openInvite(token: string) {
  const row = await repo.findInviteByTokenHash(sha256(token.slice(0, 512)));
  if (!row) throw new AppError("resource/not-found", "This invitation is no longer valid");
  if (row.usedAt || row.expired || row.gone) throw new AppError("invite/gone", "This invitation is no longer valid");
  return row;
}

/**
 * Joining a tenant through its invitation: the membership with the invited role, audited there.
 * Someone who became a member meanwhile is told so rather than given a second membership.
 */
async function joinTenant(tx: Executor, invite: Awaited<ReturnType<typeof openInvite>>, user: Actor) {
  const { tenantId, role } = invite;
  if (invite.kind !== "member" || !tenantId || !role) return;
  if (!(await repo.insertMembership(tx, { tenantId, userId: user.userId, role }))) throw new AppError("resource/conflict", `${invite.email} is already a member of ${invite.tenantName ?? "this organisation"}`);
  await recordAudit(tx, user, { tenantId, action: "member.joined", subjectType: "user", subjectId: user.userId, payload: { email: invite.email, role, via: "invite" } });
}

/**
 * Creates the invitee's account (no tenant membership: they see what was shared with them, unless
 * the invitation was to join the tenant), or sets the first password of an account that has none
 * (a SCIM-provisioned member). Setting a password is audited in each tenant of the account.
 */
export async function signUpWithInvite(token: string, input: InviteSignUpInput, ip: string | null = null): Promise<{ email: string; pocId: string | null; kind: InviteKind }> {
  const invite = await openInvite(token);
  const passwordHash = await hashPassword(input.password);
  await transaction(async (tx) => {
    if (!(await repo.useInvite(tx, invite.id))) throw new AppError("invite/gone", "This invitation is no longer valid");
    const values = { email: invite.email, name: input.name, passwordHash };
    const createdId = invite.kind !== "account_setup" ? await repo.insertUser(tx, values) : null;
    const userId = createdId ?? (await repo.setFirstPassword(tx, values));
    if (!userId) throw new AppError("resource/conflict", "An account with this email already exists: sign in instead");
    await bindPendingGrants(tx, invite.email, userId);
    const user = sessionActorOf({ id: userId, email: invite.email, name: input.name, tenantId: null, tenantName: null, role: null }, null, ip);
    if (!createdId) {
      for (const tenantId of await listUserTenantIds(userId, tx)) {
        await recordAudit(tx, user, { tenantId, action: "user.password_set", subjectType: "user", subjectId: userId, payload: { email: invite.email, via: invite.kind } });
      }
    }
    await joinTenant(tx, invite, user);
  });
  return { email: invite.email, pocId: invite.pocId, kind: invite.kind };
}

/** A signed-in user with the invited email accepts (binds pending grants or joins the tenant, uses the link). */
export async function acceptInvite(actor: Actor, token: string): Promise<{ pocId: string | null; kind: InviteKind }> {
  const invite = await openInvite(token);
  if (invite.email !== actor.email) throw new AppError("auth/forbidden", `This invitation is for ${invite.email}; sign in with that address`);
  await transaction(async (tx) => {
    if (!(await repo.useInvite(tx, invite.id))) throw new AppError("invite/gone", "This invitation is no longer valid");
    await bindPendingGrants(tx, invite.email, actor.userId);
    await joinTenant(tx, invite, actor);
  });
  return { pocId: invite.pocId, kind: invite.kind };
}

/** On sign-in: grants that waited for this email now belong to the account. */
export async function bindOnSignIn(email: string, userId: string): Promise<void> {
  await transaction((tx) => bindPendingGrants(tx, email, userId));
}
