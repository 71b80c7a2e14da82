/**
 * npm run db:backup / db:restore on the embedded database. The "server" here is this test
 * process holding a PGlite folder open and answering on the backup socket exactly as server.ts
 * does (serveBackups); the CLI runs as its own process, as an operator would run it.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import type { Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { asc } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupSocketPath, serveBackups } from "@/db/backup";
import type { Db } from "@/db/client";
import { migrationsFolder } from "@/db/migrate";
import * as schema from "@/db/schema";
import { seedDemo } from "@/db/seed";

const run = promisify(execFile);
const root = mkdtempSync(path.join(tmpdir(), "pocm-backup-"));
const liveDir = path.join(root, "live");
let live: PGlite;
let db: Db;
let server: Server;
let subject: { tenantId: string; ownerId: string };

/** Runs the backup CLI as a separate process on the given PGlite folder. */
async function cli(args: string[], pgliteDir: string): Promise<{ code: number; out: string }> {
  const env = { ...process.env, PGLITE_DIR: pgliteDir, DATA_DIR: path.join(root, "data"), DATABASE_URL: "", NODE_ENV: "development" as const };
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "db/backup-cli.ts", ...args], { env });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

const snapshot = async (target: Db) => ({
  pocs: await target.select({ id: schema.pocs.id, title: schema.pocs.title }).from(schema.pocs).orderBy(asc(schema.pocs.id)),
  grants: await target
    .select({ id: schema.sharingGrants.id, principalType: schema.sharingGrants.principalType, actions: schema.sharingGrants.actions, tokenHash: schema.sharingGrants.tokenHash })
    .from(schema.sharingGrants)
    .orderBy(asc(schema.sharingGrants.id)),
});

async function openFolder(dir: string) {
  const client = new PGlite(dir);
  const target = drizzle(client, { schema }) as unknown as Db;
  return { client, snapshot: () => snapshot(target) };
}

beforeAll(async () => {
  live = new PGlite(liveDir);
  db = drizzle(live, { schema }) as unknown as Db;
  await migrate(db as never, { migrationsFolder });
  await seedDemo(db);
  const [poc] = await db.select().from(schema.pocs).limit(1);
  const [user] = await db.select().from(schema.users).limit(1);
  subject = { tenantId: poc!.tenantId, ownerId: poc!.ownerId };
  await db.insert(schema.sharingGrants).values([
    { tenantId: poc!.tenantId, subjectId: poc!.id, principalType: "user", principalUserId: user!.id, actions: ["view", "comment"] },
    { tenantId: poc!.tenantId, subjectId: poc!.id, principalType: "link", actions: ["view"], tokenHash: "hash-of-a-link-token" },
  ]);
  server = await serveBackups(live, backupSocketPath(liveDir));
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await live?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("db:backup and db:restore (embedded PGlite)", () => {
  const archive = path.join(root, "backups", "live.tar.gz");
  let atBackup: Awaited<ReturnType<typeof snapshot>>;

  it("takes a backup while the server runs (through the server), and restores it into a fresh folder with the same POCs and grants", async () => {
    atBackup = await snapshot(db);
    expect(atBackup.pocs.length).toBeGreaterThan(0);
    expect(atBackup.grants).toHaveLength(2);
    // The server keeps serving writes (that change no POC or grant) while the backup is taken,
    // one per turn of the event loop, as requests arrive (in-process PGlite never yields by itself).
    let done = false;
    let writes = 0;
    const writing = (async () => {
      for (; !done; writes++) {
        await db.update(schema.pocs).set({ updatedAt: new Date() });
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const backup = await cli(["backup", archive], liveDir);
    done = true;
    await writing;
    expect(writes).toBeGreaterThan(0);
    expect(backup.out).toContain("Asking the running server");
    expect(backup.code).toBe(0);
    expect(statSync(archive).mode & 0o777).toBe(0o600);

    // Written after the backup: must not be in the restored copy.
    await db.insert(schema.pocs).values({ ...subject, title: "After the backup" });

    const fresh = path.join(root, "fresh", "pglite");
    const restore = await cli(["restore", archive], fresh);
    expect(restore.code).toBe(0);
    expect(restore.out).toContain(`(${atBackup.pocs.length} POCs)`);
    const restored = await openFolder(fresh);
    try {
      expect(await restored.snapshot()).toEqual(atBackup);
    } finally {
      await restored.client.close();
    }
  }, 180_000);

  it("refuses to restore over a non-empty folder without --force, and keeps the replaced database aside with it", async () => {
    const target = path.join(root, "fresh", "pglite");
    const refused = await cli(["restore", archive], target);
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(/is not empty.*--force/);

    const forced = await cli(["restore", archive, "--force"], target);
    expect(forced.code).toBe(0);
    expect(forced.out).toContain("is kept in");
    expect(readdirSync(path.join(root, "fresh")).some((name) => name.startsWith("pglite.before-restore-"))).toBe(true);
    const restored = await openFolder(target);
    try {
      expect(await restored.snapshot()).toEqual(atBackup);
    } finally {
      await restored.client.close();
    }
  }, 180_000);

  it("refuses to restore into the folder of a running server, and rejects a file that is no backup", async () => {
    const busy = await cli(["restore", archive, "--force"], liveDir);
    expect(busy.code).toBe(2);
    expect(busy.out).toContain("A server is running");

    const junk = path.join(root, "junk.tar.gz");
    writeFileSync(junk, "not an archive");
    const target = path.join(root, "junk-target");
    const rejected = await cli(["restore", junk], target);
    expect(rejected.code).not.toBe(0);
    expect(existsSync(target)).toBe(false);
  }, 180_000);

  it("sends PostgreSQL users to pg_dump", async () => {
    const env = { ...process.env, DATABASE_URL: "postgres://u@127.0.0.1:1/x", NODE_ENV: "development" as const };
    const result = await run(process.execPath, ["--import", "tsx", "db/backup-cli.ts", "backup"], { env }).catch((e) => e);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("pg_dump");
  }, 60_000);
});
