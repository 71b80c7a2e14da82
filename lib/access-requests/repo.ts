import { and, desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { accessRequests, memberships, pocs, sharingGrants, users, type AccessRequest } from "@/db/schema";
import type { Executor } from "@/lib/db/repo";

/** The link behind a token hash, in any state, with its POC: what a dead link's page may ask about. */
export async function findLinkByTokenHash(tokenHash: string) {
  const [row] = await getDb()
    .select({
      grantId: sharingGrants.id,
      tenantId: sharingGrants.tenantId,
      pocId: pocs.id,
      pocTitle: pocs.title,
      ownerId: pocs.ownerId,
      revokedAt: sharingGrants.revokedAt,
      ended: sql<boolean>`(${sharingGrants.tombstonedAt} is not null or (${sharingGrants.expiresAt} is not null and ${sharingGrants.expiresAt} <= now()))`,
    })
    .from(sharingGrants)
    .innerJoin(pocs, eq(pocs.id, sharingGrants.subjectId))
    .where(and(eq(sharingGrants.tokenHash, tokenHash), eq(sharingGrants.principalType, "link")));
  return row ?? null;
}

/** Who hears of a request: the POC's owner and the tenant's active admins. */
export async function notifiedEmails(tenantId: string, ownerId: string): Promise<string[]> {
  const rows = await getDb()
    .selectDistinct({ email: users.email })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.tenantId, tenantId)))
    .where(and(eq(users.active, true), sql`(${users.id} = ${ownerId} or ${memberships.role} = 'tenant_admin')`));
  return rows.map((r) => r.email);
}

/** Inserts a pending request, or returns null when this person already has one open for the POC. */
export async function insertPending(tx: Executor, values: typeof accessRequests.$inferInsert): Promise<AccessRequest | null> {
  const [row] = await tx
    .insert(accessRequests)
    .values(values)
    .onConflictDoNothing({ target: [accessRequests.pocId, accessRequests.email], where: sql`${accessRequests.status} = 'pending'` })
    .returning();
  return row ?? null;
}

const decider = sql<{ id: string; name: string } | null>`(select json_build_object('id', u.id, 'name', u.name) from users u where u.id = ${accessRequests.decidedBy})`;

export function listForPoc(pocId: string) {
  return getDb()
    .select({ request: accessRequests, decider })
    .from(accessRequests)
    .where(eq(accessRequests.pocId, pocId))
    .orderBy(desc(accessRequests.createdAt))
    .limit(100);
}

export async function findForPoc(pocId: string, requestId: string) {
  const [row] = await getDb()
    .select({ request: accessRequests, decider })
    .from(accessRequests)
    .where(and(eq(accessRequests.id, requestId), eq(accessRequests.pocId, pocId)));
  return row ?? null;
}

/** Decides a pending request; null when it was already decided (by someone else, at the same time). */
export async function decide(tx: Executor, requestId: string, values: { status: "approved" | "dismissed"; decidedBy: string; grantId?: string }) {
  const [row] = await tx
    .update(accessRequests)
    .set({ status: values.status, decidedBy: values.decidedBy, decidedAt: new Date(), grantId: values.grantId ?? null })
    .where(and(eq(accessRequests.id, requestId), eq(accessRequests.status, "pending")))
    .returning();
  return row ?? null;
}
