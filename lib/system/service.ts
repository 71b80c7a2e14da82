import { outboxStats } from "@/lib/email/service";
import { config } from "@/lib/config";
import { pendingMigrations, pingDatabase, poolConnections } from "./repo";

export type Readiness = {
  ready: boolean;
  /** Committed migrations the database has not applied (a start applies them). */
  pendingMigrations: string[] | null;
  /** Age of the oldest message the outbox has not delivered yet, or null when none waits. */
  outboxOldestPendingSeconds: number | null;
};

/**
 * Readiness: the database answers, and what an operator wants next to that: migrations the
 * database lacks, and how long the oldest undelivered email has waited.
 */
export async function readiness(): Promise<Readiness> {
  try {
    await pingDatabase();
    const [pending, outbox] = await Promise.all([pendingMigrations(), outboxStats()]);
    return { ready: true, pendingMigrations: pending, outboxOldestPendingSeconds: outbox.oldestPendingAgeSeconds };
  } catch {
    return { ready: false, pendingMigrations: null, outboxOldestPendingSeconds: null };
  }
}

/** Database connections of this instance by state, and the pool's ceiling (1 for embedded PGlite). */
export async function poolUse(): Promise<{ max: number; connections: { state: string; count: number }[] }> {
  const cfg = config();
  return { max: cfg.databaseUrl ? cfg.databasePoolSize : 1, connections: await poolConnections() };
}
