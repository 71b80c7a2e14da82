import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { invites, pocs, sharingGrants, users } from "@/db/schema";
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

export async function findInviteByTokenHash(tokenHash: string) {
  const inviter = users;
  const [row] = await getDb()
    .select({
      id: invites.id,
      email: invites.email,
      usedAt: invites.usedAt,
      expired: sql<boolean>`${invites.expiresAt} <= now()`,
      // The invitation dies with its grant: revoked, tombstoned, expired or no longer for this
      // email; and with a newer invitation for the same grant (resending revokes older links).
      gone: sql<boolean>`(${invites.revokedAt} is not null or ${sharingGrants.id} is null
        or ${sharingGrants.revokedAt} is not null or ${sharingGrants.tombstonedAt} is not null
        or (${sharingGrants.expiresAt} is not null and ${sharingGrants.expiresAt} <= now())
        or not (${sharingGrants.principalEmail} is not distinct from ${invites.email}
          or exists (select 1 from users u where u.id = ${sharingGrants.principalUserId} and u.email = ${invites.email})))`,
      inviterName: inviter.name,
      pocId: pocs.id,
      pocTitle: pocs.title,
    })
    .from(invites)
    .leftJoin(inviter, eq(inviter.id, invites.invitedByUserId))
    .leftJoin(sharingGrants, eq(sharingGrants.id, invites.grantId))
    .leftJoin(pocs, eq(pocs.id, sharingGrants.subjectId))
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
