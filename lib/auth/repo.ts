import { and, asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiTokens, memberships, tenants, users } from "@/db/schema";

export async function findUserByEmail(email: string) {
  const [row] = await getDb().select().from(users).where(eq(users.email, email.toLowerCase()));
  return row ?? null;
}

/** An active user with their (first) tenant membership, or null. */
export async function findActiveUserWithMembership(userId: string) {
  const rows = await getDb()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      tenantId: memberships.tenantId,
      tenantName: tenants.name,
      role: memberships.role,
    })
    .from(users)
    // Only tenants where the user is active: a deactivated membership gives nothing.
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.active, true)))
    .leftJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(users.id, userId), eq(users.active, true)))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return rows[0] ?? null;
}

/** A live API token with its user and that user's current role in the token's tenant. */
export async function findLiveApiTokenByHash(tokenHash: string) {
  const [row] = await getDb()
    .select({
      tokenId: apiTokens.id,
      tenantId: apiTokens.tenantId,
      tenantName: tenants.name,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
    })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.id, apiTokens.userId), eq(users.active, true)))
    .innerJoin(tenants, eq(tenants.id, apiTokens.tenantId))
    .innerJoin(
      memberships,
      and(eq(memberships.userId, apiTokens.userId), eq(memberships.tenantId, apiTokens.tenantId), eq(memberships.active, true)),
    )
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  return row ?? null;
}

/** Records use at most once a minute, so a busy token does not write on every request. */
export async function touchApiToken(tokenId: string) {
  await getDb()
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.id, tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`))));
}
