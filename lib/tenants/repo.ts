import { and, asc, eq, gt, inArray, isNull, ne, notExists, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { Executor } from "@/lib/db/repo";
import { memberships, pocs, sharingGrants, users, type TenantRole } from "@/db/schema";

export function listMembers(tenantId: string) {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email, role: memberships.role, active: sql<boolean>`(${users.active} and ${memberships.active})` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(asc(users.name));
}

export async function findMember(tenantId: string, userId: string) {
  const [row] = await getDb()
    .select({ id: users.id, name: users.name, email: users.email, role: memberships.role, active: sql<boolean>`(${users.active} and ${memberships.active})` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  return row ?? null;
}

/**
 * Serialises changes that can take away a tenant's last admin until the transaction ends, so two
 * concurrent removals of the last two admins cannot both see the other one still active.
 */
export async function lockTenantAdmins(tx: Executor, tenantId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`tenant-admins:${tenantId}`}, 0))`);
}

export async function countOtherActiveAdmins(tx: Executor, tenantId: string, userId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, "tenant_admin"), ne(memberships.userId, userId), eq(users.active, true), eq(memberships.active, true)));
  return row?.n ?? 0;
}

export async function setRole(tx: Executor, tenantId: string, userId: string, role: TenantRole) {
  await tx.update(memberships).set({ role }).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
}

/** Deactivation is per tenant: a user who belongs to other tenants keeps their access there. */
export async function setActive(tx: Executor, tenantId: string, userId: string, active: boolean) {
  await tx
    .update(memberships)
    .set({ active, updatedAt: sql`now()` })
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
}

/** Active members whose account has no password yet (provisioned by SCIM): of these ids, or all. */
export async function awaitingPasswordIds(tenantId: string, userIds?: string[], tx: Executor = getDb()): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.active, true),
        eq(users.active, true),
        isNull(users.passwordHash),
        userIds ? inArray(memberships.userId, userIds) : undefined,
      ),
    );
  return rows.map((r) => r.id);
}

export async function countMembers(tenantId: string, userIds: string[]) {
  const rows = await getDb()
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), inArray(memberships.userId, userIds)));
  return rows.length;
}

/**
 * People outside the tenant who hold live user grants on its POCs (invitees who signed up),
 * one row per grant, by name.
 */
export function listExternalGuestGrants(tenantId: string, userId?: string) {
  return getDb()
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      grantId: sharingGrants.id,
      pocId: pocs.id,
      pocTitle: pocs.title,
      actions: sharingGrants.actions,
      expiresAt: sharingGrants.expiresAt,
    })
    .from(sharingGrants)
    .innerJoin(users, eq(users.id, sharingGrants.principalUserId))
    .innerJoin(pocs, eq(pocs.id, sharingGrants.subjectId))
    .where(
      and(
        eq(sharingGrants.tenantId, tenantId),
        eq(sharingGrants.principalType, "user"),
        userId ? eq(users.id, userId) : undefined,
        isNull(sharingGrants.revokedAt),
        isNull(sharingGrants.tombstonedAt),
        or(isNull(sharingGrants.expiresAt), gt(sharingGrants.expiresAt, sql`now()`)),
        notExists(getDb().select({ one: sql`1` }).from(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, users.id)))),
      ),
    )
    .orderBy(asc(users.name), asc(pocs.title));
}

/** Whether the email already belongs to a member of the tenant (active or not). */
export async function isMemberEmail(tx: Executor, tenantId: string, email: string): Promise<boolean> {
  const [row] = await tx
    .select({ one: sql`1` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(users.email, email)));
  return row !== undefined;
}
