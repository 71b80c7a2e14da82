import type { SQL } from "drizzle-orm";
import { asBackgroundWork, databaseKind, getDb, type Db } from "@/db/client";

/** A database handle or an open transaction: repo functions that write accept either. */
export type Executor = Db;

/** Work no request waits for (the access log's batches): the bench leaves its statements out of round trips. */
export { asBackgroundWork };

/** Statements a transaction sent without waiting for their answer (sendLast), per open transaction. */
const unanswered = new WeakMap<object, Promise<unknown>[]>();

/** Runs `work` in one transaction, so a change and its audit row commit or fail together. */
export async function transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
  const sent: Promise<unknown>[] = [];
  try {
    const result = await getDb().transaction((tx) => {
      unanswered.set(tx, sent);
      return work(tx as unknown as Executor);
    });
    // A statement sent without waiting failed: PostgreSQL answered the COMMIT with a rollback.
    await Promise.all(sent);
    return result;
  } catch (error) {
    // Its own error says what went wrong, not the "transaction is aborted" of the statements after it.
    const failed = (await Promise.allSettled(sent)).find((outcome) => outcome.status === "rejected");
    throw failed ? (failed as PromiseRejectedResult).reason : error;
  }
}

/**
 * Sends a transaction's last write without waiting for its answer, so PostgreSQL receives it
 * and the COMMIT together (postgres.js pipelines both on the transaction's connection): a row
 * lock it takes — the audit chain's head — is held for one round trip to the app less, which
 * is what a tenant's writers queue on. transaction() still fails, rolled back, with its error.
 * Outside a transaction, inside a nested one, or on PGlite (one query at a time), it just runs it.
 */
export async function sendLast(tx: Executor, statement: () => Promise<unknown>): Promise<void> {
  const sent = databaseKind() === "postgres" ? unanswered.get(tx) : undefined;
  if (!sent) {
    await statement();
    return;
  }
  const answer = Promise.resolve(statement());
  answer.catch(() => {}); // transaction() reports it
  sent.push(answer);
}

/** Rows of a raw statement, whichever driver ran it (postgres.js answers an array, PGlite `{ rows }`). */
export async function executeRows<T>(tx: Executor, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** A Postgres error of this SQLSTATE on the named index or constraint (postgres.js and PGlite alike). */
function isViolation(error: unknown, sqlState: string, constraint: string): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, constraint: name, constraint_name: nameAlt } = e as { code?: string; constraint?: string; constraint_name?: string };
    if (code === sqlState && (name === constraint || nameAlt === constraint)) return true;
  }
  return false;
}

/** Postgres unique violation on the named index or constraint. */
export const isUniqueViolation = (error: unknown, constraint: string): boolean => isViolation(error, "23505", constraint);

/** Postgres foreign-key violation on the named constraint. */
export const isForeignKeyViolation = (error: unknown, constraint: string): boolean => isViolation(error, "23503", constraint);

/**
 * A statement prepared once per database handle, for the queries every signed-in request
 * runs: drizzle builds its SQL once, and on PostgreSQL the named statement is parsed once per
 * connection instead of on every call (profiles put both at about a tenth of a request).
 */
export function preparedPerDb<P>(build: (db: Db) => P): () => P {
  const cache = new WeakMap<Db, P>();
  return () => {
    const db = getDb();
    let prepared = cache.get(db);
    if (!prepared) cache.set(db, (prepared = build(db)));
    return prepared;
  };
}
