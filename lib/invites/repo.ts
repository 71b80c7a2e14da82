import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { invites, memberships, pocs, sharingGrants, tenants, users, type TenantRole } from "@/db/schema";
import type { Executor } from "@/lib/db/repo";

export async function insertInvite(tx: Executor, values: { email: string; grantId: string; tokenHash: string; invitedByUserId: string; days: number }) {
  await tx.insert(invites).values({
    email: values.email,
    grantId: values.grantId,
    tokenHash: values.tokenHash,
    invitedByUserId: values.invitedByUserId,
    expiresAt: sql`now() + make_interval(days => ${values.days})`,
  });
}

/**
 * An account-setup link: single use, expiring, hashed like every invitation. In the same
 * statement, this tenant's earlier unused links for the email stop working. With `role`, it is
 * an invitation to join the tenant with that role (Settings → Members).
 */
export async function replaceAccountSetupInvite(
  tx: Executor,
  values: { email: string; tenantId: string; tokenHash: string; days: number; role?: TenantRole; invitedByUserId?: string },
) {
  const revokeEarlier = tx
    .update(invites)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(invites.tenantId, values.tenantId), eq(invites.email, values.email), isNull(invites.grantId), isNull(invites.usedAt), isNull(invites.revokedAt)));
  const insert = tx.insert(invites).values({
    email: values.email,
    tenantId: values.tenantId,
    tokenHash: values.tokenHash,
    expiresAt: sql`now() + make_interval(days => ${values.days})`,
    role: values.role,
    invitedByUserId: values.invitedByUserId,
  });
  await tx.execute(sql`with revoked as (${revokeEarlier.getSQL()}) ${insert.getSQL()}`);
}

// The invitation dies with its grant: revoked, tombstoned, expired or no longer for this email;
// and with a newer invitation for the same grant (resending revokes older links).
const grantInviteGone = sql`(${sharingGrants.id} is null
  or ${sharingGrants.revokedAt} is not null or ${sharingGrants.tombstonedAt} is not null
  or (${sharingGrants.expiresAt} is not null and ${sharingGrants.expiresAt} <= now())
  or not (${sharingGrants.principalEmail} is not distinct from ${invites.email}
    or exists (select 1 from users u where u.id = ${sharingGrants.principalUserId} and u.email = ${invites.email})))`;

// An account-setup link dies when the account is no longer an active member of its tenant
// (deactivated or removed by the identity provider), or already has a password.
const accountSetupGone = sql`not exists (select 1 from memberships m join users u on u.id = m.user_id
  where m.tenant_id = ${invites.tenantId} and u.email = ${invites.email} and m.active and u.active and u.password_hash is null)`;

// An invitation to join the tenant dies once the email belongs to one of its members.
const memberInviteGone = sql`exists (select 1 from memberships m join users u on u.id = m.user_id
  where m.tenant_id = ${invites.tenantId} and u.email = ${invites.email})`;

export async function findInviteByTokenHash(tokenHash: string) {
  const inviter = alias(users, "inviter");
  const account = alias(users, "account");
  const [row] = await getDb()
    .select({
      id: invites.id,
      kind: sql<"grant" | "account_setup" | "member">`case when ${invites.grantId} is null and ${invites.tenantId} is not null
        then case when ${invites.role} is null then 'account_setup' else 'member' end else 'grant' end`,
      email: invites.email,
      usedAt: invites.usedAt,
      expired: sql<boolean>`${invites.expiresAt} <= now()`,
      gone: sql<boolean>`(${invites.revokedAt} is not null or case when ${invites.grantId} is null and ${invites.tenantId} is not null
        then case when ${invites.role} is null then ${accountSetupGone} else ${memberInviteGone} end else ${grantInviteGone} end)`,
      inviterName: inviter.name,
      tenantId: invites.tenantId,
      tenantName: tenants.name,
      role: invites.role,
      accountName: account.name,
      pocId: pocs.id,
      pocTitle: pocs.title,
    })
    .from(invites)
    .leftJoin(inviter, eq(inviter.id, invites.invitedByUserId))
    .leftJoin(sharingGrants, eq(sharingGrants.id, invites.grantId))
    .leftJoin(pocs, eq(pocs.id, sharingGrants.subjectId))
    .leftJoin(tenants, eq(tenants.id, invites.tenantId))
    .leftJoin(account, eq(account.email, invites.email))
    .where(eq(invites.tokenHash, tokenHash));
  return row ?? null;
}

/** Resending: the grant's earlier, unused invitations stop working. */
export async function revokeOpenInvites(tx: Executor, grantId: string): Promise<void> {
  await tx.update(invites).set({ revokedAt: sql`now()` }).where(and(eq(invites.grantId, grantId), isNull(invites.usedAt), isNull(invites.revokedAt)));
}

/** Marks the invite used; false when another request used it first (single use). */
export async function useInvite(tx: Executor, inviteId: string): Promise<boolean> {
  const rows = await tx.update(invites).set({ usedAt: sql`now()` }).where(and(eq(invites.id, inviteId), isNull(invites.usedAt))).returning({ id: invites.id });
  return rows.length > 0;
}

export async function insertUser(tx: Executor, values: { email: string; name: string; passwordHash: string }) {
  const [row] = await tx.insert(users).values(values).onConflictDoNothing().returning({ id: users.id });
  return row?.id ?? null;
}

/**
 * An account that exists without a password (created by SCIM) gets the one chosen through an
 * invitation or account-setup link. Null when the account already has a password.
 */
export async function setFirstPassword(tx: Executor, values: { email: string; name: string; passwordHash: string }) {
  const [row] = await tx
    .update(users)
    .set({ name: values.name, passwordHash: values.passwordHash })
    .where(and(eq(users.email, values.email), isNull(users.passwordHash)))
    .returning({ id: users.id });
  return row?.id ?? null;
}

/** Invitations to join the tenant not used or revoked yet (expired ones too: they can be resent), newest first. */
export function listOpenMemberInvites(tenantId: string, inviteId?: string, tx: Executor = getDb()) {
  const inviter = alias(users, "inviter");
  return tx
    .select({
      id: invites.id,
      email: invites.email,
      role: sql<TenantRole>`${invites.role}`,
      invitedBy: inviter.name,
      createdAt: invites.createdAt,
      expiresAt: invites.expiresAt,
      expired: sql<boolean>`${invites.expiresAt} <= now()`,
    })
    .from(invites)
    .leftJoin(inviter, eq(inviter.id, invites.invitedByUserId))
    .where(
      and(
        eq(invites.tenantId, tenantId),
        isNotNull(invites.role),
        isNull(invites.grantId),
        isNull(invites.usedAt),
        isNull(invites.revokedAt),
        inviteId ? eq(invites.id, inviteId) : undefined,
        sql`not ${memberInviteGone}`,
      ),
    )
    .orderBy(desc(invites.createdAt));
}

/** Revokes one open invitation of the tenant; false when it was already used or revoked. */
export async function revokeMemberInvite(tx: Executor, tenantId: string, inviteId: string): Promise<boolean> {
  const rows = await tx
    .update(invites)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(invites.id, inviteId), eq(invites.tenantId, tenantId), isNotNull(invites.role), isNull(invites.usedAt), isNull(invites.revokedAt)))
    .returning({ id: invites.id });
  return rows.length > 0;
}

/** The membership an accepted invitation creates; false when the user already is a member. */
export async function insertMembership(tx: Executor, values: { tenantId: string; userId: string; role: TenantRole }): Promise<boolean> {
  const rows = await tx.insert(memberships).values(values).onConflictDoNothing().returning({ userId: memberships.userId });
  return rows.length > 0;
}
