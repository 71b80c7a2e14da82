import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { databaseKind, getDb, poolApplicationName } from "@/db/client";
import { migrationsFolder } from "@/db/migrate";
import { executeRows } from "@/lib/db/repo";

const rows = <T>(query: ReturnType<typeof sql>): Promise<T[]> => executeRows<T>(getDb(), query);

export async function pingDatabase(): Promise<void> {
  await getDb().execute(sql`select 1`);
}

const isUndefinedTable = (error: unknown): boolean => {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) if ((e as { code?: string }).code === "42P01") return true;
  return false;
};

/**
 * Committed migrations (db/migrations/meta/_journal.json) this database has not applied.
 * drizzle applies every migration newer than the last one it recorded, so those are pending.
 */
export async function pendingMigrations(): Promise<string[]> {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string; when: number }[] };
  let last = 0;
  try {
    const [row] = await rows<{ last: string | number | null }>(sql`select max(created_at) as last from drizzle.__drizzle_migrations`);
    last = Number(row?.last ?? 0);
  } catch (error) {
    if (!isUndefinedTable(error)) throw error;
  }
  return journal.entries.filter((entry) => entry.when > last).map((entry) => entry.tag);
}

/** This process's PostgreSQL connections by state (pg_stat_activity, by the pool's application_name). */
export async function poolConnections(): Promise<{ state: string; count: number }[]> {
  // PGlite is one in-process connection: nothing to pool.
  if (databaseKind() !== "postgres") return [{ state: "embedded", count: 1 }];
  const found = await rows<{ state: string | null; count: number }>(
    sql`select coalesce(state, 'unknown') as state, count(*)::int as count from pg_stat_activity where application_name = ${poolApplicationName()} group by 1`,
  );
  return found.map((r) => ({ state: r.state ?? "unknown", count: Number(r.count) }));
}
