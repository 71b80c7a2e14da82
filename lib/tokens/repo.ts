import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { Executor } from "@/lib/db/repo";
import { apiTokens, users } from "@/db/schema";

const columns = {
  id: apiTokens.id,
  name: apiTokens.name,
  displayPrefix: apiTokens.displayPrefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  userId: apiTokens.userId,
  userName: users.name,
};

export async function insertApiToken(tx: Executor, values: { tenantId: string; userId: string; name: string; displayPrefix: string; tokenHash: string }) {
  const [row] = await tx.insert(apiTokens).values(values).returning({ id: apiTokens.id });
  return row!.id;
}

export function listApiTokens(tenantId: string) {
  return getDb()
    .select(columns)
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tenantId, tenantId))
    .orderBy(desc(apiTokens.createdAt));
}

export async function findApiToken(tenantId: string, tokenId: string) {
  const [row] = await getDb()
    .select(columns)
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, tokenId)));
  return row ?? null;
}

export async function revokeApiToken(tx: Executor, tenantId: string, tokenId: string) {
  const [row] = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, name: apiTokens.name, displayPrefix: apiTokens.displayPrefix });
  return row ?? null;
}

