#!/usr/bin/env node
/**
 * The benchmark's raw baseline: the least a server can do to answer route 1,
 * `GET /api/v1/public/pocs/{token}`. Plain node:http, no framework, the same driver as the app
 * (postgres.js with DATABASE_URL, else PGlite in this process) and the *same SQL*: the harness
 * passes the app's own statement in SHARE_STATEMENT (from `shareLookupStatement()` in
 * lib/sharing/repo.ts), so the two cannot drift apart. The checks follow openShare in
 * lib/sharing/public-service.ts, and the body is the view document Postgres built, as in the app.
 *
 *   PORT=4000 DATABASE_URL=postgres://... SHARE_STATEMENT='{"sql":...,"params":[...]}' node bench/raw-baseline.mjs
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import path from "node:path";

const statement = JSON.parse(process.env.SHARE_STATEMENT || "null");
if (!statement?.sql) throw new Error("SHARE_STATEMENT is not set: run the raw baseline through `npm run bench`");

// Column positions in the statement's select list (rows are read as arrays, like drizzle does):
// the grant's id, subject, actions, watermark, password hash, password version, verification
// flag, option version, revoked and tombstoned times, then `expired` and the view document.
const C = { watermark: 3, passwordHash: 4, requireVerifiedEmail: 6, revokedAt: 8, tombstonedAt: 9, expired: 10, viewJson: 11 };

/** The statement's parameters for one request: named placeholders filled in, literals as they are. */
const paramsFor = (values) => statement.params.map((p) => (typeof p === "object" ? (values[p.placeholder] ?? null) : p));

const SHARE_HEADERS = {
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex, nofollow",
  "cache-control": "private, no-store",
  "x-content-type-options": "nosniff",
};

async function openDriver() {
  if (process.env.DATABASE_URL) {
    const { default: postgres } = await import("postgres");
    const client = postgres(process.env.DATABASE_URL, { max: 10, onnotice: () => {} });
    // Like drizzle: dates and timestamps stay the strings Postgres sent.
    for (const oid of [1082, 1083, 1114, 1184, 1186, 1231]) client.options.parsers[oid] = (x) => x;
    // A named prepared statement, as the app's findShareByTokenHash uses.
    return { query: (params) => client.unsafe(statement.sql, params, { prepare: true }).values(), close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { types } = await import("@electric-sql/pglite");
  const dir = path.resolve(process.env.PGLITE_DIR ?? ".data/pglite");
  const pg = new PGlite(dir, { parsers: { [types.DATE]: (x) => x, [types.TIMESTAMPTZ]: (x) => x, [types.TIMESTAMP]: (x) => x } });
  await pg.waitReady;
  return { query: async (params) => (await pg.query(statement.sql, params, { rowMode: "array" })).rows, close: () => pg.close() };
}

function send(res, status, text, type = "application/json") {
  res.writeHead(status, { "content-type": type, ...SHARE_HEADERS }).end(text);
}

const problem = (res, status, code) => send(res, status, JSON.stringify({ type: "about:blank", title: code, status, code }), "application/problem+json");

export async function startRawBaseline(port, host = "127.0.0.1") {
  const db = await openDriver();
  const server = createServer(async (req, res) => {
    if (req.url === "/api/health") return send(res, 200, '{"status":"ok"}');
    const match = /^\/api\/v1\/public\/pocs\/([^/?]+)$/.exec(req.url ?? "");
    if (req.method !== "GET" || !match) return problem(res, 404, "resource/not-found");
    try {
      const token = decodeURIComponent(match[1]);
      const [row] = await db.query(paramsFor({ tokenHash: createHash("sha256").update(token.slice(0, 512)).digest("hex"), viewerEmail: null }));
      if (!row || row[C.viewJson] === null) return problem(res, 404, "share/not-found");
      if (row[C.revokedAt]) return problem(res, 403, "share/revoked");
      if (row[C.tombstonedAt] || row[C.expired]) return problem(res, 403, "share/expired");
      // The baseline serves open links only; the app's pass checks are not reproduced here.
      if (row[C.passwordHash] !== null) return problem(res, 401, "share/password-required");
      if (row[C.requireVerifiedEmail]) return problem(res, 401, "share/verification-required");
      if (row[C.watermark]) return problem(res, 401, "share/email-required");
      send(res, 200, row[C.viewJson]);
    } catch (error) {
      console.error("[raw] request failed", error);
      if (!res.headersSent) problem(res, 500, "server/error");
    }
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  return {
    close: () =>
      new Promise((resolve) => {
        server.close(() => db.close().finally(resolve));
        server.closeAllConnections();
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 4000);
  const baseline = await startRawBaseline(port);
  console.log(`raw baseline ready on http://127.0.0.1:${port}`);
  const stop = () => baseline.close().finally(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
