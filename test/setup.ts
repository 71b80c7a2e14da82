import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { withDatabase } from "./global-setup";

const baseUrl = inject("baseDatabaseUrl");
const template = inject("templateDatabase");
let fileDatabase: string | null = null;

// Set before anything reads the configuration.
(process.env as Record<string, string>).NODE_ENV = "test";
process.env.APP_SECRET = "test-secret-that-is-long-enough-for-hkdf-0123456789";
process.env.APP_URL = "http://localhost:3999";
if (baseUrl && template) {
  fileDatabase = `pocm_t_${randomBytes(6).toString("hex")}`;
  process.env.DATABASE_URL = withDatabase(baseUrl, fileDatabase);
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = "memory://";
}

beforeAll(async () => {
  // The export render workers, as the entry server starts them (they spawn on the first job).
  const { startRenderPool } = await import("@/lib/exports/pool");
  startRenderPool(1);
  if (baseUrl && template && fileDatabase) {
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${fileDatabase}" template "${template}"`);
    await admin.end();
  } else {
    const { migrateDb } = await import("@/db/migrate");
    await migrateDb();
  }
});

afterAll(async () => {
  // Page views are logged in batches: write what is pending before the database goes.
  const { flushShareViews } = await import("@/lib/sharing/access-log");
  await flushShareViews();
  const { closeRenderPool } = await import("@/lib/exports/pool");
  await closeRenderPool();
  const { closeDb } = await import("@/db/client");
  await closeDb();
  if (baseUrl && fileDatabase) {
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${fileDatabase}" with (force)`);
    await admin.end();
  }
});
