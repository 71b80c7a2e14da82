/**
 * `npm run bench:cluster`: two app instances on different ports against one PostgreSQL
 * database behave as one (DESIGN "Running"). Checks, each counted as one assertion:
 *   - the link password rate limit counts attempts on both instances (the 6th is refused
 *     wherever it lands),
 *   - an Idempotency-Key replayed on the other instance returns the stored response,
 *   - a revoke on one instance is refused on the other on the very next request.
 * Needs DATABASE_URL (a scratch database is created on that server and dropped afterwards).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:cluster [-- --json out.json]
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { cleanupAll, createScratchDb, startApp, type AppServer } from "./common";

type Assertion = { name: string; ok: boolean; detail: string };
const assertions: Assertion[] = [];

function check(name: string, ok: boolean, detail: string): void {
  assertions.push({ name, ok, detail });
  console.log(`  ${ok ? "ok  " : "FAIL"}  ${name}${ok ? "" : ` — ${detail}`}`);
}

async function call(app: AppServer, method: string, urlPath: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(app.url + urlPath, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, headers: res.headers, body: parsed as Record<string, unknown> };
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error("bench:cluster needs DATABASE_URL (a PostgreSQL server; PGlite is single-process by design)");
  const db = await createScratchDb("pocm_cluster");
  if (db.kind !== "postgres") throw new Error("unreachable");

  // Both instances start at once: migrations and the demo seed take advisory locks.
  const [a, b] = await Promise.all([startApp(db, { BENCH_QUERY_COUNTER: "false" }, "A"), startApp(db, { BENCH_QUERY_COUNTER: "false" }, "B")]);
  console.log(`[cluster] instance A on ${a.url}, instance B on ${b.url}, one database`);

  // An API token of Acme's tenant admin, stored the way the app stores it (sha256 hex).
  const token = `pm_${randomBytes(32).toString("base64url")}`;
  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  try {
    const [admin] = await sql<{ user_id: string; tenant_id: string }[]>`
      select m.user_id, m.tenant_id from memberships m join users u on u.id = m.user_id where u.email = 'admin@acme.test'`;
    await sql`insert into api_tokens (tenant_id, user_id, name, display_prefix, token_hash)
      values (${admin!.tenant_id}, ${admin!.user_id}, 'cluster check', ${token.slice(0, 10)}, ${createHash("sha256").update(token).digest("hex")})`;
  } finally {
    await sql.end();
  }
  const pocs = (await call(a, "GET", "/api/v1/pocs", token)).body.data as { id: string }[];
  if (!pocs || pocs.length < 2) throw new Error("the demo seed should give Acme's admin at least two POCs");

  // 1. Idempotency-Key: created on A, replayed on B.
  const key = randomUUID();
  const create = { subject_type: "poc", subject_id: pocs[0]!.id, principal_type: "link", actions: ["view"], password: "cluster-pass-2026" };
  const first = await call(a, "POST", "/api/v1/sharing/grants", token, create, { "idempotency-key": key });
  if (first.status !== 201) throw new Error(`link create on A: HTTP ${first.status} ${JSON.stringify(first.body)}`);
  const replay = await call(b, "POST", "/api/v1/sharing/grants", token, create, { "idempotency-key": key });
  check(
    "idempotency: same key and body on instance B replays A's stored response",
    replay.status === 201 && replay.headers.get("idempotent-replayed") === "true" && JSON.stringify(replay.body) === JSON.stringify(first.body),
    `B answered ${replay.status}, replayed=${replay.headers.get("idempotent-replayed")}, same body=${JSON.stringify(replay.body) === JSON.stringify(first.body)}`,
  );
  const reused = await call(b, "POST", "/api/v1/sharing/grants", token, { ...create, actions: ["view", "download"] }, { "idempotency-key": key });
  check("idempotency: same key, other body on instance B is 422", reused.status === 422, `B answered ${reused.status} ${JSON.stringify(reused.body)}`);

  // 2. Password rate limit: 5 wrong attempts alternating A/B, then the 6th on either is refused.
  const linkToken = new URL(String(first.body.link_url)).pathname.split("/").pop()!;
  const unlock = (app: AppServer, password: string) => call(app, "POST", `/api/v1/public/pocs/${linkToken}/unlock`, null, { password });
  const firstFive: number[] = [];
  for (let i = 0; i < 5; i++) firstFive.push((await unlock(i % 2 === 0 ? a : b, "wrong-password")).status);
  check("rate limit: attempts 1-5 alternating A/B are checked (401)", firstFive.every((s) => s === 401), `statuses ${firstFive.join(",")}`);
  const sixthB = await unlock(b, "wrong-password");
  check("rate limit: the 6th attempt, on B, is refused (429 + Retry-After)", sixthB.status === 429 && Number(sixthB.headers.get("retry-after")) > 0, `B answered ${sixthB.status}`);
  const seventhA = await unlock(a, "cluster-pass-2026");
  check("rate limit: a 7th attempt on A is refused too, even with the right password", seventhA.status === 429, `A answered ${seventhA.status}`);

  // 3. Revocation: an open link works on B, is revoked on A, and B refuses the next request.
  const open = await call(a, "POST", "/api/v1/sharing/grants", token, { subject_type: "poc", subject_id: pocs[1]!.id, principal_type: "link", actions: ["view"] });
  if (open.status !== 201) throw new Error(`open link create on A: HTTP ${open.status}`);
  const openToken = new URL(String(open.body.link_url)).pathname.split("/").pop()!;
  const before = await call(b, "GET", `/api/v1/public/pocs/${openToken}`, null);
  check("revocation: the open link answers on B before the revoke (200)", before.status === 200, `B answered ${before.status}`);
  const revoke = await call(a, "DELETE", `/api/v1/sharing/grants/${String(open.body.id)}`, token);
  const after = await call(b, "GET", `/api/v1/public/pocs/${openToken}`, null);
  check(
    "revocation: revoked on A, refused on B on the next request (403 share/revoked)",
    revoke.status === 204 && after.status === 403 && after.body.code === "share/revoked",
    `revoke on A ${revoke.status}; B answered ${after.status} ${JSON.stringify(after.body)}`,
  );
  const afterHtml = await fetch(`${b.url}/share/${openToken}`);
  check("revocation: the HTML page on B refuses it too (403)", afterHtml.status === 403, `B answered ${afterHtml.status}`);
}

const jsonIndex = process.argv.indexOf("--json");
let failed = false;
try {
  await main();
} catch (error) {
  console.error("[cluster] failed:", error instanceof Error ? (error.stack ?? error.message) : error);
  failed = true;
} finally {
  await cleanupAll();
}
const passed = assertions.filter((x) => x.ok).length;
const failures = assertions.length - passed + (failed ? 1 : 0);
console.log(`[cluster] ${passed} passed, ${failures} failed`);
if (jsonIndex >= 0) {
  const file = path.resolve(process.argv[jsonIndex + 1]!);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ passed, failed: failures, assertions, harnessError: failed }, null, 2)}\n`);
}
process.exit(failures === 0 ? 0 : 1);
