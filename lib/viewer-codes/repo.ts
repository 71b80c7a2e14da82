import { and, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { shareEmailCodes } from "@/db/schema";
import type { Executor } from "@/lib/db/repo";

/** A newer code replaces every open one of the same link and email (one live code at a time). */
export async function replaceOpenCodes(tx: Executor, grantId: string, email: string): Promise<void> {
  await tx
    .update(shareEmailCodes)
    .set({ replacedAt: sql`now()` })
    .where(and(eq(shareEmailCodes.grantId, grantId), eq(shareEmailCodes.email, email), isNull(shareEmailCodes.usedAt), isNull(shareEmailCodes.replacedAt)));
}

export async function insertCode(tx: Executor, values: { id: string; grantId: string; email: string; codeHash: string; ttlSeconds: number }): Promise<Date> {
  const [row] = await tx
    .insert(shareEmailCodes)
    .values({ id: values.id, grantId: values.grantId, email: values.email, codeHash: values.codeHash, expiresAt: sql`now() + make_interval(secs => ${values.ttlSeconds})` })
    .returning({ expiresAt: shareEmailCodes.expiresAt });
  return row!.expiresAt;
}

/** The live (not used, not replaced) code of a link and email, if any, with whether it has expired. */
export async function findOpenCode(grantId: string, email: string) {
  const [row] = await getDb()
    .select({ id: shareEmailCodes.id, attempts: shareEmailCodes.attempts, expired: sql<boolean>`${shareEmailCodes.expiresAt} <= now()` })
    .from(shareEmailCodes)
    .where(and(eq(shareEmailCodes.grantId, grantId), eq(shareEmailCodes.email, email), isNull(shareEmailCodes.usedAt), isNull(shareEmailCodes.replacedAt)))
    .orderBy(desc(shareEmailCodes.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * One try at a code, atomically: counts the attempt and, when the hash matches, spends the
 * code, in a single UPDATE that only touches a live code with tries left. Concurrent tries
 * therefore never exceed the limit, and a code is spent at most once. Null: no live code.
 */
export async function tryCode(codeId: string, candidateHash: string, maxAttempts: number): Promise<{ matched: boolean; attempts: number } | null> {
  const [row] = await getDb()
    .update(shareEmailCodes)
    .set({
      attempts: sql`${shareEmailCodes.attempts} + 1`,
      usedAt: sql`case when ${shareEmailCodes.codeHash} = ${candidateHash} then now() end`,
    })
    .where(
      and(
        eq(shareEmailCodes.id, codeId),
        isNull(shareEmailCodes.usedAt),
        isNull(shareEmailCodes.replacedAt),
        sql`${shareEmailCodes.attempts} < ${maxAttempts}`,
        sql`${shareEmailCodes.expiresAt} > now()`,
      ),
    )
    .returning({ matched: sql<boolean>`${shareEmailCodes.usedAt} is not null`, attempts: shareEmailCodes.attempts });
  return row ?? null;
}

/** Deletes codes that expired more than `afterSeconds` ago (they can only be refused); returns how many. */
export async function deleteExpiredCodes(afterSeconds: number): Promise<number> {
  const rows = await getDb()
    .delete(shareEmailCodes)
    .where(lt(shareEmailCodes.expiresAt, sql`now() - make_interval(secs => ${afterSeconds})`))
    .returning({ id: shareEmailCodes.id });
  return rows.length;
}
