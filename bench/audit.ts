/**
 * The audit-log rows of the benchmark: seeds two tenants' hash-chained audit logs (the bench
 * tenant with `large` rows, a second tenant with `small`), then measures
 * `GET /api/v1/audit-events` unloaded (one request at a time) on the first page and on pages
 * deep in the cursor, at both sizes, and times `GET /api/v1/audit-events/verify` over the
 * large chain. The rows are hashed here exactly as lib/audit/service.ts hashes them, so
 * verify walks a real chain (and route 5's writes append to it during the run).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { chainHash, GENESIS_HASH, type ChainRecord } from "@/lib/audit/chain";
import { encodeCursor } from "@/lib/audit/schemas";
import { API_TOKEN_PREFIX } from "@/lib/auth/service";
import { sha256 } from "@/lib/security/crypto";

async function run(query: SQL): Promise<Record<string, unknown>[]> {
  const result = (await getDb().execute(query)) as unknown;
  return Array.isArray(result) ? result : ((result as { rows: Record<string, unknown>[] }).rows ?? []);
}

export type AuditSeed = { token: string; rows: number; deepCursors: string[] };

/** A grant.updated event as the app writes it (about 1 KB of before/after payload). */
function payloadFor(i: number, pocId: string) {
  const grant = (actions: string[], watermark: boolean) => ({
    id: randomUUID(),
    subject_type: "poc",
    subject_id: pocId,
    principal_type: "link",
    principal: { id: null, name: null, email: null, pending: false },
    actions,
    watermark,
    expires_at: null,
    has_password: i % 3 === 0,
    notify_views: "off",
    state: "active",
    created_at: "2026-11-01T09:00:00.000Z",
    created_by: { kind: "user", id: pocId, name: "Bench Admin" },
    updated_at: "2026-11-02T09:00:00.000Z",
    revoked_at: null,
  });
  return { before: grant(["view"], false), after: grant(["view", "download"], i % 2 === 0), password_changed: false };
}

/** Writes `rows` chained events for the tenant, oldest first; returns cursors deep in the log. */
async function seedChain(tenantId: string, actorId: string, pocIds: string[], rows: number): Promise<string[]> {
  let prev = GENESIS_HASH;
  const start = Date.now() - rows * 1000;
  const ids: number[] = [];
  for (let from = 0; from < rows; from += 2000) {
    const batch = [];
    for (let i = from; i < Math.min(rows, from + 2000); i++) {
      const pocId = pocIds[i % pocIds.length]!;
      const record: ChainRecord = {
        seq: i + 1,
        tenant_id: tenantId,
        created_at: new Date(start + i * 1000).toISOString(),
        actor_type: "user",
        actor_user_id: actorId,
        actor_token_id: null,
        ip: "10.0.0.1",
        action: i % 10 === 0 ? "grant.created" : "grant.updated",
        subject_type: "sharing_grant",
        subject_id: randomUUID(),
        poc_id: pocId,
        payload: payloadFor(i, pocId),
      };
      const hash = chainHash(prev, record);
      batch.push({ ...record, prev_hash: prev, hash });
      prev = hash;
    }
    const inserted = await run(sql`insert into audit_events (tenant_id, actor_type, actor_user_id, ip, action, subject_type, subject_id, poc_id, payload, created_at, chain_seq, prev_hash, hash)
      select x.tenant_id, 'user', x.actor_user_id, x.ip::inet, x.action, x.subject_type, x.subject_id, x.poc_id, x.payload, x.created_at, x.seq, x.prev_hash, x.hash
      from json_to_recordset(${JSON.stringify(batch)}::json) as x(tenant_id uuid, actor_user_id uuid, ip text, action text, subject_type text, subject_id uuid, poc_id uuid,
        payload jsonb, created_at timestamptz, seq bigint, prev_hash text, hash text)
      order by x.seq
      returning id`);
    ids.push(...inserted.map((r) => Number(r.id)).sort((a, b) => a - b));
  }
  await run(sql`insert into audit_chain_heads (chain_key, seq, hash) values (${tenantId}, ${rows}, ${prev})`);
  // Pages 80-95 % of the way down the log (newest first): ids near the oldest rows.
  return Array.from({ length: 10 }, (_, k) => encodeCursor(ids[Math.floor(ids.length * (0.05 + k * 0.015))]!));
}

/** Seeds both logs (before the server starts: PGlite allows one process per folder). */
export async function seedAuditLogs(bench: { tenantId: string; adminId: string; apiToken: string; pocIds: string[] }, sizes: { large: number; small: number }) {
  const large: AuditSeed = { token: bench.apiToken, rows: sizes.large, deepCursors: await seedChain(bench.tenantId, bench.adminId, bench.pocIds, sizes.large) };

  const tenantId = randomUUID();
  const adminId = randomUUID();
  const pocIds = Array.from({ length: 10 }, () => randomUUID());
  await run(sql`insert into tenants (id, name, slug) values (${tenantId}::uuid, 'Bench audit small', ${`bench-audit-${tenantId.slice(0, 8)}`})`);
  await run(sql`insert into users (id, email, name) values (${adminId}::uuid, ${`audit-admin-${tenantId.slice(0, 8)}@bench.test`}, 'Audit Admin')`);
  await run(sql`insert into memberships (tenant_id, user_id, role) values (${tenantId}::uuid, ${adminId}::uuid, 'tenant_admin')`);
  await run(sql`insert into pocs (id, tenant_id, owner_id, title) select value::uuid, ${tenantId}::uuid, ${adminId}::uuid, 'Audit POC' from json_array_elements_text(${JSON.stringify(pocIds)}::json)`);
  const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  await run(sql`insert into api_tokens (tenant_id, user_id, name, display_prefix, token_hash) values (${tenantId}::uuid, ${adminId}::uuid, 'bench', ${token.slice(0, 10)}, ${sha256(token)})`);
  const small: AuditSeed = { token, rows: sizes.small, deepCursors: await seedChain(tenantId, adminId, pocIds, sizes.small) };
  await run(sql`vacuum analyze audit_events`);
  await closeDb();
  return { large, small };
}

export type Latency = { name: string; label: string; requests: number; p50: number; p99: number; errors: number };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** One request at a time ("unloaded"): latency in ms with 0.1 ms resolution. */
async function sequential(name: string, label: string, base: string, token: string, paths: string[], n: number): Promise<Latency> {
  const headers = { authorization: `Bearer ${token}` };
  for (let i = 0; i < Math.min(20, n); i++) await (await fetch(base + paths[i % paths.length], { headers })).arrayBuffer();
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await fetch(base + paths[i % paths.length], { headers });
    const body = (await res.json()) as { data?: unknown[] };
    times.push(performance.now() - started);
    if (!res.ok || !Array.isArray(body.data) || body.data.length === 0) errors++;
  }
  times.sort((a, b) => a - b);
  const m = { name, label, requests: n, p50: Math.round(percentile(times, 0.5) * 10) / 10, p99: Math.round(percentile(times, 0.99) * 10) / 10, errors };
  console.log(`  ${label.padEnd(58)} p50 ${m.p50} ms  p99 ${m.p99} ms  errors ${errors}`);
  return m;
}

export async function measureAuditLog(base: string, seeds: { large: AuditSeed; small: AuditSeed }, n: number) {
  const first = "/api/v1/audit-events?limit=50";
  const deep = (s: AuditSeed) => s.deepCursors.map((c) => `${first}&cursor=${encodeURIComponent(c)}`);
  const big = seeds.large.rows.toLocaleString("en-US");
  const little = seeds.small.rows.toLocaleString("en-US");
  const rows = [
    await sequential("audit_first_large", `audit. GET /api/v1/audit-events, first page, ${big} rows`, base, seeds.large.token, [first], n),
    await sequential("audit_deep_large", `audit. same, a page deep in the cursor, ${big} rows`, base, seeds.large.token, deep(seeds.large), n),
    await sequential("audit_first_small", `audit. GET /api/v1/audit-events, first page, ${little} rows`, base, seeds.small.token, [first], n),
    await sequential("audit_deep_small", `audit. same, a page deep in the cursor, ${little} rows`, base, seeds.small.token, deep(seeds.small), n),
  ];
  const started = performance.now();
  const res = await fetch(`${base}/api/v1/audit-events/verify`, { headers: { authorization: `Bearer ${seeds.large.token}` } });
  const verdict = (await res.json()) as { ok: boolean; checked: number; duration_ms: number };
  const verify = { rows: verdict.checked, ok: verdict.ok, serverMs: verdict.duration_ms, wallMs: Math.round(performance.now() - started) };
  console.log(`  audit. GET /api/v1/audit-events/verify over ${verify.rows} rows: ${verify.wallMs} ms (server ${verify.serverMs} ms), chain ${verify.ok ? "intact" : "BROKEN"}`);
  const [fl, dl, fs, ds] = rows as [Latency, Latency, Latency, Latency];
  const goals = {
    audit_first_page_p50_ms: { goal: "<= 20 unloaded", value: fl.p50, met: fl.p50 <= 20 },
    audit_deep_page_p50_ms: { goal: "<= 20 unloaded", value: dl.p50, met: dl.p50 <= 20 },
    audit_first_page_large_vs_small: { goal: "<= 1.2", value: fl.p50 / Math.max(fs.p50, 0.1), met: fl.p50 / Math.max(fs.p50, 0.1) <= 1.2 },
    audit_deep_page_large_vs_small: { goal: "<= 1.2", value: dl.p50 / Math.max(ds.p50, 0.1), met: dl.p50 / Math.max(ds.p50, 0.1) <= 1.2 },
    audit_verify_chain_intact: { goal: "true", value: verify.ok, met: verify.ok },
  };
  return { rows, verify, goals };
}
