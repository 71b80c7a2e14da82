import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { scimTokens, tenants, users } from "@/db/schema";
import type { Executor } from "@/lib/db/repo";

const columns = {
  id: scimTokens.id,
  name: scimTokens.name,
  displayPrefix: scimTokens.displayPrefix,
  createdAt: scimTokens.createdAt,
  lastUsedAt: scimTokens.lastUsedAt,
  revokedAt: scimTokens.revokedAt,
  createdByUserId: scimTokens.createdByUserId,
  createdByName: users.name,
};

export async function insertScimToken(
  tx: Executor,
  values: { tenantId: string; createdByUserId: string; name: string; displayPrefix: string; tokenHash: string },
) {
  const [row] = await tx.insert(scimTokens).values(values).returning({ id: scimTokens.id });
  return row!.id;
}

export function listScimTokens(tenantId: string) {
  return getDb()
    .select(columns)
    .from(scimTokens)
    .leftJoin(users, eq(users.id, scimTokens.createdByUserId))
    .where(eq(scimTokens.tenantId, tenantId))
    .orderBy(desc(scimTokens.createdAt), desc(scimTokens.id));
}

export async function findScimToken(tenantId: string, tokenId: string, tx: Executor = getDb()) {
  const [row] = await tx
    .select(columns)
    .from(scimTokens)
    .leftJoin(users, eq(users.id, scimTokens.createdByUserId))
    .where(and(eq(scimTokens.tenantId, tenantId), eq(scimTokens.id, tokenId)));
  return row ?? null;
}

export async function revokeScimToken(tx: Executor, tenantId: string, tokenId: string) {
  const rows = await tx
    .update(scimTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(scimTokens.tenantId, tenantId), eq(scimTokens.id, tokenId), isNull(scimTokens.revokedAt)))
    .returning({ id: scimTokens.id, name: scimTokens.name });
  return rows[0] ?? null;
}

/** A live SCIM token and its tenant, by hash. */
export async function findLiveScimTokenByHash(tokenHash: string) {
  const [row] = await getDb()
    .select({
      id: scimTokens.id,
      tenantId: scimTokens.tenantId,
      tenantName: tenants.name,
      // Whether last_used_at is due an update (at most once a minute): most requests skip it.
      touchDue: sql<boolean>`(${scimTokens.lastUsedAt} is null or ${scimTokens.lastUsedAt} < now() - interval '1 minute')`,
    })
    .from(scimTokens)
    .innerJoin(tenants, eq(tenants.id, scimTokens.tenantId))
    .where(and(eq(scimTokens.tokenHash, tokenHash), isNull(scimTokens.revokedAt)));
  return row ?? null;
}

/** Records use at most once a minute, so a provisioning burst does not write on every request. */
export async function touchScimToken(tokenId: string) {
  await getDb()
    .update(scimTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(scimTokens.id, tokenId), or(isNull(scimTokens.lastUsedAt), lt(scimTokens.lastUsedAt, sql`now() - interval '1 minute'`))));
}
