import type { SQL } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";

/** A database handle or an open transaction: repo functions that write accept either. */
export type Executor = Db;

/** Runs `work` in one transaction, so a change and its audit row commit or fail together. */
export function transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
  return getDb().transaction((tx) => work(tx as unknown as Executor));
}

/** Rows of a raw statement, whichever driver ran it (postgres.js answers an array, PGlite `{ rows }`). */
export async function executeRows<T>(tx: Executor, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** Postgres unique violation on the named index or constraint (postgres.js and PGlite alike). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, constraint: name, constraint_name: nameAlt } = e as { code?: string; constraint?: string; constraint_name?: string };
    if (code === "23505" && (name === constraint || nameAlt === constraint)) return true;
  }
  return false;
}

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
