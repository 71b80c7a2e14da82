/**
 * Applies the committed migrations. On PostgreSQL it holds an advisory lock on its own
 * connection, so several instances starting at once migrate one after another.
 */
import path from "node:path";
import postgres from "postgres";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { config } from "@/lib/config";
import { dbReady, getDb } from "./client";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");
const MIGRATION_LOCK = 7_240_001;

export async function migrateDb(): Promise<void> {
  const { databaseUrl } = config();
  if (!databaseUrl) {
    await dbReady();
    await migratePglite(getDb() as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
