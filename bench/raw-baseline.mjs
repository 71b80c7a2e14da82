#!/usr/bin/env node
/**
 * The benchmark's raw baseline: the least a server can do to answer route 1,
 * `GET /api/v1/public/pocs/{token}`. Plain node:http, no framework, the same driver as the app
 * (postgres.js with DATABASE_URL, else PGlite in this process), the *same SQL* the app runs
 * (copied from what drizzle generates for findShareByTokenHash in lib/sharing/repo.ts, printed
 * with LOG_QUERIES=true) and the same checks and JSON shape (openShare/viewOf in
 * lib/sharing/public-service.ts). If the app's query changes, update SHARE_SQL below.
 *
 *   PORT=4000 DATABASE_URL=postgres://... node bench/raw-baseline.mjs
 *   PORT=4000 PGLITE_DIR=.data/x node bench/raw-baseline.mjs
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import path from "node:path";

export const SHARE_SQL = `select "sharing_grants"."id", "sharing_grants"."subject_id", "sharing_grants"."actions", "sharing_grants"."watermark", "sharing_grants"."password_hash", "sharing_grants"."password_version", "sharing_grants"."revoked_at", "sharing_grants"."tombstoned_at", ("sharing_grants"."expires_at" is not null and "sharing_grants"."expires_at" <= now()), "pocs"."title", "pocs"."description", "pocs"."customer", "pocs"."objectives", "pocs"."status", "pocs"."start_date", "pocs"."end_date", (
        select coalesce(json_agg(json_build_object('name', tg.name, 'tasks', (
          select coalesce(json_agg(json_build_object('title', t.title, 'status', t.status, 'assignee_name', u.name, 'due_date', t.due_date)
            order by t.position, t.created_at), '[]'::json)
          from tasks t left join users u on u.id = t.assignee_id where t.group_id = tg.id
        )) order by tg.position, tg.created_at), '[]'::json)
        from task_groups tg where tg.poc_id = "pocs"."id"), (
        select coalesce(json_agg(json_build_object('description', sc.description, 'status', sc.status) order by sc.position, sc.created_at), '[]'::json)
        from success_criteria sc where sc.poc_id = "pocs"."id") from "sharing_grants" left join "pocs" on "pocs"."id" = "sharing_grants"."subject_id" where ("sharing_grants"."token_hash" = $1 and "sharing_grants"."principal_type" = $2)`;

// Column positions in SHARE_SQL's select list (rows are read as arrays, like drizzle does).
const C = { actions: 2, watermark: 3, passwordHash: 4, revokedAt: 6, tombstonedAt: 7, expired: 8, title: 9, taskGroups: 16, criteria: 17 };

const SHARE_HEADERS = {
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex, nofollow",
  "cache-control": "private, no-store",
  "x-content-type-options": "nosniff",
};

/** Postgres array text ("{view,download}") to an array, for drivers that leave enum arrays as text. */
const pgArray = (value) => (Array.isArray(value) ? value : String(value).replace(/^\{|\}$/g, "").split(",").filter(Boolean));

async function openDriver() {
  if (process.env.DATABASE_URL) {
    const { default: postgres } = await import("postgres");
    const client = postgres(process.env.DATABASE_URL, { max: 10, onnotice: () => {} });
    // Like drizzle: dates and timestamps stay the strings Postgres sent.
    for (const oid of [1082, 1083, 1114, 1184, 1186, 1231]) client.options.parsers[oid] = (x) => x;
    // A named prepared statement, as the app's findShareByTokenHash uses.
    return { query: (params) => client.unsafe(SHARE_SQL, params, { prepare: true }).values(), close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { types } = await import("@electric-sql/pglite");
  const dir = path.resolve(process.env.PGLITE_DIR ?? ".data/pglite");
  const pg = new PGlite(dir, { parsers: { [types.DATE]: (x) => x, [types.TIMESTAMPTZ]: (x) => x, [types.TIMESTAMP]: (x) => x } });
  await pg.waitReady;
  return { query: async (params) => (await pg.query(SHARE_SQL, params, { rowMode: "array" })).rows, close: () => pg.close() };
}

function send(res, status, body, type = "application/json") {
  res.writeHead(status, { "content-type": type, ...SHARE_HEADERS }).end(JSON.stringify(body));
}

const problem = (res, status, code) => send(res, status, { type: `about:blank`, title: code, status, code }, "application/problem+json");

export async function startRawBaseline(port, host = "127.0.0.1") {
  const db = await openDriver();
  const server = createServer(async (req, res) => {
    if (req.url === "/api/health") return send(res, 200, { status: "ok" });
    const match = /^\/api\/v1\/public\/pocs\/([^/?]+)$/.exec(req.url ?? "");
    if (req.method !== "GET" || !match) return problem(res, 404, "resource/not-found");
    try {
      const token = decodeURIComponent(match[1]);
      const [row] = await db.query([createHash("sha256").update(token.slice(0, 512)).digest("hex"), "link"]);
      if (!row || row[C.title] === null) return problem(res, 404, "share/not-found");
      if (row[C.revokedAt]) return problem(res, 403, "share/revoked");
      if (row[C.tombstonedAt] || row[C.expired]) return problem(res, 403, "share/expired");
      // The baseline serves open links only; the app's pass checks are not reproduced here.
      if (row[C.passwordHash] !== null) return problem(res, 401, "share/password-required");
      if (row[C.watermark]) return problem(res, 401, "share/email-required");
      send(res, 200, {
        title: row[C.title],
        description: row[C.title + 1],
        customer: row[C.title + 2],
        objectives: row[C.title + 3],
        status: row[C.title + 4],
        start_date: row[C.title + 5],
        end_date: row[C.title + 6],
        task_groups: row[C.taskGroups],
        success_criteria: row[C.criteria],
        actions: pgArray(row[C.actions]),
        viewer_email: null,
      });
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
