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
