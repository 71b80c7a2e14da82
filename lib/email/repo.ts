import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import type { Executor } from "@/lib/db/repo";

export type OutboxMessage = typeof emailOutbox.$inferSelect;

export async function enqueue(tx: Executor, message: { tenantId: string | null; toAddress: string; subject: string; textBody: string }): Promise<void> {
  await tx.insert(emailOutbox).values(message);
}

/**
 * Claims due messages for sending: bumps their next attempt into the future inside the same
 * statement, so another instance polling at the same moment does not send them twice.
 */
export async function claimDue(limit: number, leaseSeconds: number): Promise<OutboxMessage[]> {
  const due = getDb()
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(asc(emailOutbox.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return getDb()
    .update(emailOutbox)
    .set({ nextAttemptAt: sql`now() + make_interval(secs => ${leaseSeconds})`, attempts: sql`${emailOutbox.attempts} + 1` })
    .where(inArray(emailOutbox.id, due))
    .returning();
}

export async function markSent(id: string): Promise<void> {
  await getDb().update(emailOutbox).set({ status: "sent", sentAt: sql`now()`, lastError: null }).where(eq(emailOutbox.id, id));
}

export async function markFailedAttempt(id: string, error: string, retryInSeconds: number | null): Promise<void> {
  await getDb()
    .update(emailOutbox)
    .set(
      retryInSeconds === null
        ? { status: "failed", lastError: error }
        : { lastError: error, nextAttemptAt: sql`now() + make_interval(secs => ${retryInSeconds})` },
    )
    .where(eq(emailOutbox.id, id));
}

export function listTenantOutbox(tenantId: string) {
  return getDb().select().from(emailOutbox).where(eq(emailOutbox.tenantId, tenantId)).orderBy(desc(emailOutbox.createdAt)).limit(100);
}

/** The queue at a glance (metrics, readiness): undelivered and failed counts, the oldest waiting. */
export async function outboxStats(): Promise<{ pending: number; failed: number; oldestPendingAgeSeconds: number | null }> {
  const [row] = await getDb()
    .select({
      pending: sql<number>`count(*) filter (where ${emailOutbox.status} = 'pending')::int`,
      failed: sql<number>`count(*) filter (where ${emailOutbox.status} = 'failed')::int`,
      oldest: sql<number | null>`extract(epoch from now() - min(${emailOutbox.createdAt}) filter (where ${emailOutbox.status} = 'pending'))::float8`,
    })
    .from(emailOutbox)
    .where(inArray(emailOutbox.status, ["pending", "failed"]));
  return { pending: Number(row?.pending ?? 0), failed: Number(row?.failed ?? 0), oldestPendingAgeSeconds: row?.oldest == null ? null : Number(row.oldest) };
}
