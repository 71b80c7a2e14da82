/**
 * The app's entry server (Next.js custom server). It exists for three reasons:
 *  1. migrate (and seed the demo on first run) before anything opens the database,
 *  2. compute the client IP from the socket (and only the configured proxy hops) and pass it
 *     on in a header it overwrites on every request: route handlers never see the socket,
 *  3. shut down cleanly (close the server, write the pending share access log, then close the
 *     database) on SIGTERM/SIGINT.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { closeDb, databaseKind, getDb, queryCounter } from "./db/client";
import { migrateDb } from "./db/migrate";
import { seedDemo } from "./db/seed";
import { CLIENT_IP_HEADER, computeClientIp } from "./lib/api/client-ip";
import { ConfigError, config } from "./lib/config";
import { sweepAccessLog } from "./lib/activity/service";
import { deliverDueEmail } from "./lib/email/service";
import { closeRenderPool, startRenderPool } from "./lib/exports/pool";
import { flushShareViews } from "./lib/sharing/access-log";
import { sweepExpiredGrants } from "./lib/sharing/service";

const SWEEP_INTERVAL_MS = 60_000;
const EMAIL_INTERVAL_MS = 10_000;
const BENCH_QUERIES_PATH = "/__bench/db-queries";

const dev = process.argv.includes("--dev");
if (!process.env.NODE_ENV) (process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";

function loadConfig() {
  try {
    return config();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

function buildIfMissing(): void {
  if (dev || existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) return;
  console.log("No production build found: running `next build` once (takes a minute or two)...");
  const result = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main(): Promise<void> {
  const cfg = loadConfig();
  // next-auth reads these from the environment.
  process.env.NEXTAUTH_URL ??= cfg.appUrl;
  process.env.NEXTAUTH_SECRET ??= cfg.secret;
  buildIfMissing();

  await migrateDb();
  if (cfg.seedDemo && (await seedDemo(getDb()))) console.log("Seeded the demo tenants (logins in README.md).");

  // PDF, PNG and XLSX exports render in worker threads, off the event loop (lib/exports/pool.ts).
  startRenderPool(cfg.exportWorkers, { prewarm: !dev });

  const app = next({ dev, hostname: cfg.host, port: cfg.port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    // Benchmark only (BENCH_QUERY_COUNTER=true, off by default): statements run so far.
    if (cfg.benchQueryCounter && req.method === "GET" && req.url === BENCH_QUERIES_PATH) {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify({ count: queryCounter.count }));
      return;
    }
    req.headers[CLIENT_IP_HEADER] = computeClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"]?.toString(), cfg.trustedProxyHops);
    // Defence in depth for CVE-2025-29927: this internal header never comes from outside.
    delete req.headers["x-middleware-subrequest"];
    handle(req, res).catch((error: unknown) => {
      console.error("[server] request failed", error);
      if (!res.headersSent) res.writeHead(500).end("Internal Server Error");
    });
  });

  // Expired grants are refused on every request regardless; the sweep tombstones and audits them,
  // and deletes access-log rows past ACCESS_LOG_RETENTION_DAYS.
  const sweep = setInterval(() => {
    sweepExpiredGrants().catch((error: unknown) => console.error("[server] expiry sweep failed", error));
    sweepAccessLog().catch((error: unknown) => console.error("[server] access-log retention sweep failed", error));
  }, SWEEP_INTERVAL_MS);
  sweep.unref();
  // Retries of the email outbox (new messages are also sent right after their commit).
  const mail = setInterval(() => {
    deliverDueEmail().catch((error: unknown) => console.error("[server] email delivery failed", error));
  }, EMAIL_INTERVAL_MS);
  mail.unref();

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    clearInterval(sweep);
    clearInterval(mail);
    console.log(`${signal} received: closing the server and the database.`);
    server.close(() => {
      flushShareViews()
        .then(() => closeRenderPool())
        .then(() => closeDb())
        .catch((error: unknown) => console.error("[server] closing the database failed", error))
        .finally(() => process.exit(0));
    });
    server.closeAllConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));

  server.listen(cfg.port, cfg.host, () => {
    console.log(`poc-manager ready on ${cfg.appUrl} (${dev ? "development" : "production"}, ${databaseKind() === "pglite" ? `embedded PGlite in ${cfg.pgliteDir}` : "PostgreSQL"})`);
  });
}

main().catch((error: unknown) => {
  console.error("[server] failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
