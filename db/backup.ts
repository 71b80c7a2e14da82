/**
 * Backups of the embedded PGlite database (PGlite's dumpDataDir: a gzipped tarball of the data
 * folder). PGlite is one process's database, so while the server runs only the server may read
 * its folder: it answers backup requests on a Unix socket (mode 0600, so only the user that runs
 * it), and the CLI (db/backup-cli.ts) asks it there, or opens the folder itself when no server
 * listens. PostgreSQL has pg_dump for this.
 */
import { createHash } from "node:crypto";
import { chmodSync, existsSync, readdirSync, rmSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";

/** Short and per data folder (socket paths are limited to ~100 bytes), in the temp folder. */
export function backupSocketPath(pgliteDir: string): string {
  const id = createHash("sha256").update(path.resolve(pgliteDir)).digest("hex").slice(0, 16);
  return path.join(tmpdir(), `poc-manager-${id}.sock`);
}

/**
 * A consistent archive of a live database: taken inside PGlite's transaction lock, so no other
 * transaction is half-way and no statement runs while the files are copied, after a CHECKPOINT
 * so the copy opens without replaying much WAL.
 */
export async function dumpDatabase(client: PGlite): Promise<Buffer> {
  const archive = await client.transaction(async (tx) => {
    await tx.exec("CHECKPOINT");
    return client.dumpDataDir("gzip");
  });
  return Buffer.from(await archive.arrayBuffer());
}

/** True when something answers on the socket (a running server), false when nothing does. */
export function serverListening(socketPath: string): Promise<boolean> {
  if (!existsSync(socketPath)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * The server side: each connection that sends "dump\n" gets "ok <bytes>\n" and the archive, or
 * "error <message>\n". Started by server.ts in embedded mode; closed (and unlinked) at shutdown.
 */
export async function serveBackups(client: PGlite, socketPath: string): Promise<Server> {
  if (await serverListening(socketPath)) throw new Error(`another server already serves this database (${socketPath})`);
  rmSync(socketPath, { force: true }); // a stale socket from a server that crashed
  const server = createServer((socket) => {
    socket.once("data", (chunk) => {
      if (chunk.toString("utf8").trim() !== "dump") {
        socket.end("error unknown request\n");
        return;
      }
      dumpDatabase(client)
        .then((archive) => {
          socket.write(`ok ${archive.length}\n`);
          socket.end(archive);
        })
        .catch((error: unknown) => socket.end(`error ${error instanceof Error ? error.message : String(error)}\n`));
    });
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  return server;
}

/** The client side: asks the server on `socketPath` for an archive. */
export function requestDump(socketPath: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    const chunks: Buffer[] = [];
    socket.on("connect", () => socket.write("dump\n"));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(10);
      const head = all.subarray(0, newline === -1 ? all.length : newline).toString("utf8");
      const body = all.subarray(newline + 1);
      const size = /^ok (\d+)$/.exec(head)?.[1];
      if (size === undefined) reject(new Error(head.replace(/^error /, "") || "the server closed the connection"));
      else if (body.length !== Number(size)) reject(new Error(`the archive arrived incomplete (${body.length} of ${size} bytes)`));
      else resolve(body);
    });
  });
}

/** A folder that does not exist or holds nothing may receive a restore. */
export function isEmptyFolder(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}
