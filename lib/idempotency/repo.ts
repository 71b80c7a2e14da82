import { and, eq, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";

/** Claims (scope, key) for a new request; null when the key already exists. */
export async function claimKey(scope: string, key: string, requestHash: string, ttlHours: number) {
  const [row] = await getDb()
    .insert(idempotencyKeys)
    .values({ scope, key, requestHash, expiresAt: sql`now() + make_interval(hours => ${ttlHours})` })
    .onConflictDoNothing()
    .returning({ id: idempotencyKeys.id });
  return row?.id ?? null;
}

export async function findKey(scope: string, key: string) {
  const [row] = await getDb()
    .select({
      id: idempotencyKeys.id,
      requestHash: idempotencyKeys.requestHash,
      responseStatus: idempotencyKeys.responseStatus,
      responseBody: idempotencyKeys.responseBody,
      expired: sql<boolean>`${idempotencyKeys.expiresAt} <= now()`,
    })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  return row ?? null;
}

export async function completeKey(id: string, status: number, sealedBody: string) {
  await getDb().update(idempotencyKeys).set({ responseStatus: status, responseBody: sealedBody }).where(eq(idempotencyKeys.id, id));
}

export async function releaseKey(id: string) {
  await getDb().delete(idempotencyKeys).where(eq(idempotencyKeys.id, id));
}

export async function deleteExpiredKey(id: string) {
  await getDb().delete(idempotencyKeys).where(and(eq(idempotencyKeys.id, id), lt(idempotencyKeys.expiresAt, sql`now()`)));
}
