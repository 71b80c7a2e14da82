/**
 * npm run db:backup [file]          archive the embedded database (running server or not)
 * npm run db:restore file [--force] restore an archive into the data folder (server stopped)
 *
 * The database is the one the server would open: PGLITE_DIR, or DATA_DIR/pglite.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { ConfigError, config } from "@/lib/config";
import { backupSocketPath, dumpDatabase, isEmptyFolder, requestDump, serverListening } from "./backup";

class UsageError extends Error {}

const stamp = () => new Date().toISOString().replace(/[:.]/g, "-").replace(/-\d{3}Z$/, "Z");

function embeddedDir(): string {
  const cfg = config();
  if (cfg.databaseUrl) {
    throw new UsageError("DATABASE_URL is set: back up PostgreSQL with pg_dump (e.g. `pg_dump -Fc -f poc-manager.dump \"$DATABASE_URL\"`) and restore with pg_restore.");
  }
  if (cfg.pgliteDir.startsWith("memory://")) throw new UsageError("PGLITE_DIR is in memory: there is nothing on disk to back up.");
  return path.resolve(cfg.pgliteDir);
}

async function backup(file: string | undefined): Promise<void> {
  const dir = embeddedDir();
  const target = path.resolve(file ?? path.join(config().dataDir, "backups", `pglite-${stamp()}.tar.gz`));
  const socket = backupSocketPath(dir);
  let archive: Buffer;
  if (await serverListening(socket)) {
    console.log(`Asking the running server for a backup of ${dir} ...`);
    archive = await requestDump(socket);
  } else {
    if (isEmptyFolder(dir)) throw new UsageError(`No database in ${dir} (set PGLITE_DIR or DATA_DIR to the one to back up).`);
    const client = new PGlite(dir);
    try {
      archive = await dumpDatabase(client);
    } finally {
      await client.close();
    }
  }
  mkdirSync(path.dirname(target), { recursive: true });
  // Written aside and renamed: a file at `target` is always a whole archive. 0600: it holds
  // password hashes and sealed tokens.
  writeFileSync(`${target}.partial`, archive, { mode: 0o600 });
  renameSync(`${target}.partial`, target);
  console.log(`Backup written: ${target} (${(archive.length / 1024 / 1024).toFixed(1)} MiB). Restore with: npm run db:restore ${path.relative(process.cwd(), target)}`);
}

/**
 * Restores into a folder beside the target first and opens it there (proving the archive is a
 * database of this app), then moves it into place: a bad archive never leaves a half-written
 * data folder, and with --force the database it replaces is kept aside, not deleted.
 */
async function restore(file: string | undefined, force: boolean): Promise<void> {
  if (!file) throw new UsageError("Usage: npm run db:restore <file> [-- --force]");
  const dir = embeddedDir();
  if (await serverListening(backupSocketPath(dir))) throw new UsageError(`A server is running on ${dir}: stop it before restoring.`);
  const replacing = !isEmptyFolder(dir);
  if (replacing && !force) throw new UsageError(`${dir} is not empty: restoring would replace that database. Move it away, or pass --force (npm run db:restore ${file} -- --force).`);
  const archive = readFileSync(path.resolve(file));
  const staging = `${dir}.restoring-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  let pocs = 0;
  const client = new PGlite(staging, { loadDataDir: new Blob([archive]) });
  try {
    const { rows } = await client.query<{ pocs: number }>("select count(*)::int as pocs from pocs");
    pocs = rows[0]?.pocs ?? 0;
  } catch (error) {
    await client.close().catch(() => {});
    rmSync(staging, { recursive: true, force: true });
    throw new UsageError(`${file} is not a poc-manager database backup (${error instanceof Error ? error.message : error}). Nothing was changed.`);
  }
  await client.close();
  if (replacing) {
    const aside = `${dir}.before-restore-${stamp()}`;
    renameSync(dir, aside);
    console.log(`The database that was in ${dir} is kept in ${aside} (delete it when the restore is confirmed).`);
  } else rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  console.log(`Restored ${file} into ${dir} (${pocs} POCs).`);
}

const [command, ...rest] = process.argv.slice(2);
const force = rest.includes("--force");
const file = rest.find((arg) => !arg.startsWith("--"));
try {
  if (command === "backup") await backup(file);
  else if (command === "restore") await restore(file, force);
  else throw new UsageError("Usage: npm run db:backup [file] | npm run db:restore <file> [-- --force]");
} catch (error) {
  if (error instanceof UsageError || error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error("Failed:", error instanceof Error ? error.message : error);
  process.exit(1);
}
