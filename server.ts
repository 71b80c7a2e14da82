/**
 * The app's entry server (Next.js custom server). It exists for four reasons:
 *  1. migrate (and seed the demo on first run) before anything opens the database,
 *  2. compute the client IP from the socket (and only the configured proxy hops) and pass it
 *     on in a header it overwrites on every request: route handlers never see the socket,
 *  3. put the security headers (lib/http/security-headers.ts) on every response, whoever
 *     wrote it, with a fresh CSP nonce per request,
 *  4. shut down cleanly (close the server, write the pending share access log, then close the
 *     database) on SIGTERM/SIGINT.
 * It also rebuilds a stale production build before serving (scripts/build-stamp.ts), times
 * every request for /api/metrics, and serves backups of the embedded database (db/backup.ts).
 */
import { createServer } from "node:http";
import type { Server } from "node:net";
import next from "next";
import { backupSocketPath, serveBackups, serverListening } from "./db/backup";
import { closeDb, databaseKind, embeddedClient, getDb, queryCounter } from "./db/client";
import { migrateDb } from "./db/migrate";
import { seedDemo } from "./db/seed";
import { CLIENT_IP_HEADER, computeClientIp } from "./lib/api/client-ip";
import { refuseOversizedAction } from "./lib/http/action-body";
import { withResponsePolicy } from "./lib/http/entry";
import { ConfigError, config } from "./lib/config";
import { sweepAccessLog } from "./lib/activity/service";
import { deliverDueEmail } from "./lib/email/service";
import { closeRenderPool, startRenderPool } from "./lib/exports/pool";
import { instrumentRequest } from "./lib/metrics/http";
import { flushShareViews } from "./lib/sharing/access-log";
import { sweepExpiredGrants } from "./lib/sharing/service";
import { purgeExpiredCodes } from "./lib/viewer-codes/service";
import { ensureFreshBuild } from "./scripts/build-stamp";
import { logger, routeConsoleToLogger, withoutQuery } from "./lib/log";
import { purgeEndedSessions } from "./lib/auth/sessions";

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
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** A build older than the sources (e.g. after `git pull`) is rebuilt, saying why. */
function buildIfStale(): void {
  if (!dev && !ensureFreshBuild(process.cwd())) process.exit(1);
}

/** Where the data and the links are, and where to look when links point to the wrong host. */
function banner(cfg: ReturnType<typeof loadConfig>): string {
  const data = databaseKind() === "pglite" ? `embedded PGlite in ${cfg.pgliteDir}` : "PostgreSQL";
  const source = process.env.APP_URL ? "APP_URL" : "default; set APP_URL to the address people use";
  return `poc-manager ready on http://${cfg.host.includes(":") ? `[${cfg.host}]` : cfg.host}:${cfg.port} (${dev ? "development" : "production"}, ${data})\n  links use ${cfg.appUrl} (${source})`;
}

async function main(): Promise<void> {
  const cfg = loadConfig();
  // One logger for the process: Next.js's and libraries' console output becomes scrubbed JSON lines.
  if (!dev) routeConsoleToLogger();
  // next-auth reads these from the environment.
  process.env.NEXTAUTH_URL ??= cfg.appUrl;
  process.env.NEXTAUTH_SECRET ??= cfg.secret;
  buildIfStale();
  // PGlite is one process's database: a second server on the same folder would corrupt it.
  const backupSocket = !cfg.databaseUrl && !cfg.pgliteDir.startsWith("memory://") ? backupSocketPath(cfg.pgliteDir) : null;
  if (backupSocket && (await serverListening(backupSocket))) {
    logger.error(`Another poc-manager server is already running on ${cfg.pgliteDir}: stop it first, or set DATA_DIR (or PGLITE_DIR) to another folder.`);
    process.exit(1);
  }
  const embedded = backupSocket ? embeddedClient() : null;
  const backups: Server | null = embedded && backupSocket ? await serveBackups(embedded, backupSocket) : null;

  await migrateDb();
  if (cfg.seedDemo && (await seedDemo(getDb()))) logger.info("Seeded the demo tenants (logins in README.md).");

  // PDF, PNG and XLSX exports render in worker threads, off the event loop (lib/exports/pool.ts).
  startRenderPool(cfg.exportWorkers, { prewarm: !dev });

  const app = next({ dev, hostname: cfg.host, port: cfg.port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const appUrl = new URL(cfg.appUrl);
  const responsePolicy = { https: appUrl.protocol === "https:", dev, appOrigin: appUrl.origin };
  const server = createServer((req, res) => {
    instrumentRequest(req, res);
    // Benchmark only (BENCH_QUERY_COUNTER=true, off by default): statements run so far.
    if (cfg.benchQueryCounter && req.method === "GET" && req.url === BENCH_QUERIES_PATH) {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify({ count: queryCounter.count, background: queryCounter.background }));
      return;
    }
    req.headers[CLIENT_IP_HEADER] = computeClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"]?.toString(), cfg.trustedProxyHops);
    // Defence in depth for CVE-2025-29927: this internal header never comes from outside.
    delete req.headers["x-middleware-subrequest"];
    // CSP nonce, security headers on every response (redirects and error pages included).
    withResponsePolicy(req, res, responsePolicy, () =>
      refuseOversizedAction(req, res) ? undefined : handle(req, res).catch((error: unknown) => {
        logger.error({ err: error, method: req.method, path: withoutQuery(req.url ?? "") }, "request failed");
        if (!res.headersSent) res.writeHead(500).end("Internal Server Error");
      }),
    );
  });

  // Expired grants are refused on every request regardless; the sweep tombstones and audits them,
  // and deletes access-log rows past ACCESS_LOG_RETENTION_DAYS.
  const sweep = setInterval(() => {
    sweepExpiredGrants().catch((error: unknown) => logger.error({ err: error }, "expiry sweep failed"));
    sweepAccessLog().catch((error: unknown) => logger.error({ err: error }, "access-log retention sweep failed"));
    purgeEndedSessions().catch((error: unknown) => logger.error({ err: error }, "session sweep failed"));
    purgeExpiredCodes().catch((error: unknown) => logger.error({ err: error }, "one-time code purge failed"));
  }, SWEEP_INTERVAL_MS);
  sweep.unref();
  // Retries of the email outbox (new messages are also sent right after their commit).
  const mail = setInterval(() => {
    deliverDueEmail().catch((error: unknown) => logger.error({ err: error }, "email delivery failed"));
  }, EMAIL_INTERVAL_MS);
  mail.unref();

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    clearInterval(sweep);
    clearInterval(mail);
    backups?.close();
    logger.info({ signal }, "closing the server and the database");
    server.close(() => {
      flushShareViews()
        .then(() => closeRenderPool())
        .then(() => closeDb())
        .catch((error: unknown) => logger.error({ err: error }, "closing the database failed"))
        .finally(() => process.exit(0));
    });
    server.closeAllConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));

  server.listen(cfg.port, cfg.host, () => {
    logger.info(banner(cfg));
  });
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "failed to start");
  process.exit(1);
});
