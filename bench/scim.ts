/**
 * The SCIM benchmark (`npm run bench -- --scim`, and a section of the full run): an identity
 * provider pushing a tenant through /scim/v2 at 8 concurrent requests — 10,000 users, then
 * 500 groups with 20 members each, then 1,000 PATCH membership changes — and:
 * - total time, req/s and p50/p99 per phase and for the whole push;
 * - `GET /Users?filter=userName eq "…"` p50 in a tenant of 100,000 members vs one of 1,000
 *   (same database, interleaved rounds);
 * - whether a team grant reflects a PATCH on the very next request (add → 200, remove → 404).
 * The data for the filter tenants is seeded with SQL before the server starts (PGlite is
 * single-process); the push itself goes through the API only.
 */
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import { sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { BENCH_SECRET, startApp, type BenchDb } from "./common";

const CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const CONCURRENCY = 8;

export type ScimSize = { users: number; groups: number; membersPerGroup: number; patches: number; small: number; large: number; lookups: number; rounds: number; nextRequestChecks: number };
export const SCIM_FULL: ScimSize = { users: 10_000, groups: 500, membersPerGroup: 20, patches: 1_000, small: 1_000, large: 100_000, lookups: 1_500, rounds: 3, nextRequestChecks: 20 };
export const SCIM_SMOKE: ScimSize = { users: 100, groups: 5, membersPerGroup: 20, patches: 40, small: 50, large: 500, lookups: 50, rounds: 1, nextRequestChecks: 3 };

type Phase = { requests: number; seconds: number; rps: number; p50: number; p99: number; errors: number };

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);

/** Runs `count` requests through `concurrency` workers; each returns whether it succeeded. */
async function pool(count: number, concurrency: number, request: (i: number) => Promise<boolean>): Promise<Phase & { latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t = performance.now();
        const ok = await request(i).catch(() => false);
        latencies.push(performance.now() - t);
        if (!ok) errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { requests: count, seconds: round(seconds), rps: round(count / seconds), p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), errors, latencies };
}

async function run(query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  const { getDb } = await import("@/db/client");
  const result = (await getDb().execute(query)) as unknown;
  return Array.isArray(result) ? result : ((result as { rows: Record<string, unknown>[] }).rows ?? []);
}

/** A tenant with an admin, a SCIM token and optionally `members` more members (SQL, before the server starts). */
async function seedTenant(label: string, members: number) {
  const { sha256 } = await import("@/lib/security/crypto");
  const tenantId = randomUUID();
  const adminId = randomUUID();
  const tag = randomBytes(3).toString("hex");
  const scimToken = `pmscim_${randomBytes(32).toString("base64url")}`;
  const apiToken = `pm_${randomBytes(32).toString("base64url")}`;
  await run(sql`insert into tenants (id, name, slug) values (${tenantId}::uuid, ${label}, ${`scim-${tag}`})`);
  await run(sql`insert into users (id, email, name) values (${adminId}::uuid, ${`admin-${tag}@scim.bench`}, 'SCIM Bench Admin')`);
  await run(sql`insert into memberships (tenant_id, user_id, role) values (${tenantId}::uuid, ${adminId}::uuid, 'tenant_admin')`);
  await run(sql`insert into scim_tokens (tenant_id, name, display_prefix, token_hash) values (${tenantId}::uuid, 'bench', ${scimToken.slice(0, 13)}, ${sha256(scimToken)})`);
  await run(sql`insert into api_tokens (tenant_id, user_id, name, display_prefix, token_hash) values (${tenantId}::uuid, ${adminId}::uuid, 'bench', ${apiToken.slice(0, 9)}, ${sha256(apiToken)})`);
  for (let from = 0; from < members; from += 50_000) {
    const to = Math.min(members, from + 50_000) - 1;
    await run(sql`with u as (insert into users (email, name) select ${`m-${tag}-`} || g || '@scale.bench', 'Member ' || g
        from generate_series(${from}::int, ${to}::int) g returning id, email)
      insert into memberships (tenant_id, user_id, role, user_name) select ${tenantId}::uuid, u.id, 'member', u.email from u`);
  }
  const pocId = randomUUID();
  await run(sql`insert into pocs (id, tenant_id, owner_id, title) values (${pocId}::uuid, ${tenantId}::uuid, ${adminId}::uuid, 'SCIM bench POC')`);
  // A member with a live session, for the next-request check of team grants.
  const outsiderId = randomUUID();
  const outsiderSessionId = randomUUID();
  await run(sql`insert into users (id, email, name) values (${outsiderId}::uuid, ${`outsider-${tag}@scim.bench`}, 'SCIM Bench Outsider')`);
  await run(sql`insert into memberships (tenant_id, user_id, role) values (${tenantId}::uuid, ${outsiderId}::uuid, 'member')`);
  await run(sql`insert into sessions (id, user_id, expires_at) values (${outsiderSessionId}::uuid, ${outsiderId}::uuid, now() + interval '1 day')`);
  return { tenantId, scimToken, apiToken, pocId, outsiderId, outsiderSessionId, userName: (i: number) => `m-${tag}-${i}@scale.bench` };
}

export type ScimBenchResult = Record<string, unknown> & { errors: number };

export async function runScimBench(db: BenchDb, size: ScimSize): Promise<ScimBenchResult> {
  const { migrateDb } = await import("@/db/migrate");
  const { closeDb } = await import("@/db/client");
  await migrateDb();
  console.log(`[bench:scim] seeding filter tenants of ${size.small} and ${size.large} members...`);
  const push = await seedTenant("SCIM push", 0);
  const small = await seedTenant("SCIM 1k", size.small);
  const large = await seedTenant("SCIM 100k", size.large);
  await run(sql`vacuum analyze`);
  await closeDb();

  const app = await startApp(db, {}, "scim");
  const loadBefore = os.loadavg()[0]!;
  const scim = (token: string) => async (method: string, path: string, body?: unknown) =>
    fetch(`${app.url}/scim/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/scim+json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  const idp = scim(push.scimToken);

  console.log(`[bench:scim] pushing ${size.users} users, ${size.groups} groups x ${size.membersPerGroup}, ${size.patches} PATCHes at ${CONCURRENCY} concurrent...`);
  const userIds: string[] = new Array(size.users);
  const pushStarted = performance.now();
  const users = await pool(size.users, CONCURRENCY, async (i) => {
    const res = await idp("POST", "/Users", {
      schemas: [CORE_USER],
      userName: `user${i}@push.bench`,
      externalId: `ext-${i}`,
      name: { givenName: "User", familyName: String(i) },
      emails: [{ value: `user${i}@push.bench`, type: "work", primary: true }],
      active: true,
    });
    if (res.status !== 201) return false;
    userIds[i] = ((await res.json()) as { id: string }).id;
    return true;
  });
  const groupIds: string[] = new Array(size.groups);
  const members = (g: number) => Array.from({ length: size.membersPerGroup }, (_, k) => userIds[(g * size.membersPerGroup + k) % size.users]!);
  const groups = await pool(size.groups, CONCURRENCY, async (g) => {
    const res = await idp("POST", "/Groups", { schemas: [CORE_GROUP], displayName: `Group ${g}`, externalId: `g-${g}`, members: members(g).map((value) => ({ value })) });
    if (res.status !== 201) return false;
    groupIds[g] = ((await res.json()) as { id: string }).id;
    return true;
  });
  // Membership churn: remove one member (Okta's filter path), add it back (Entra's value list).
  const patches = await pool(size.patches, CONCURRENCY, async (p) => {
    const g = p % size.groups;
    const member = members(g)[Math.floor(p / size.groups) % size.membersPerGroup]!;
    const op = Math.floor(p / size.groups) % 2 === 0 ? { op: "remove", path: `members[value eq "${member}"]` } : { op: "Add", path: "members", value: [{ value: member }] };
    const res = await idp("PATCH", `/Groups/${groupIds[g]}`, { schemas: [PATCH_OP], Operations: [op] });
    return res.status === 204;
  });
  const pushSeconds = (performance.now() - pushStarted) / 1000;
  // BENCH_SCIM_TAIL=1: the slowest PATCHes with their request index (a cluster of 8 = one stall of everything in flight).
  if (process.env.BENCH_SCIM_TAIL) console.log("[bench:scim] slowest PATCHes (ms, request index):", patches.latencies.map((ms, i) => [Math.round(ms), i]).sort((a, b) => b[0]! - a[0]!).slice(0, 16).map(([ms, i]) => `${ms}@${i}`).join(" "));
  const all = [...users.latencies, ...groups.latencies, ...patches.latencies].sort((a, b) => a - b);
  const total = {
    requests: all.length,
    seconds: Math.round(pushSeconds * 10) / 10,
    rps: Math.round((all.length / pushSeconds) * 10) / 10,
    p99: Math.round(percentile(all, 99) * 10) / 10,
    errors: users.errors + groups.errors + patches.errors,
  };

  console.log(`[bench:scim] userName eq lookups: ${size.lookups} per tenant per round, ${size.rounds} interleaved rounds...`);
  const lookup = (tenant: typeof small, n: number) => {
    const call = scim(tenant.scimToken);
    return pool(size.lookups, CONCURRENCY, async (i) => {
      const res = await call("GET", `/Users?filter=${encodeURIComponent(`userName eq "${tenant.userName((i * 7919) % n)}"`)}`);
      const body = (await res.json()) as { totalResults?: number };
      return res.status === 200 && body.totalResults === 1;
    });
  };
  await lookup(small, size.small);
  await lookup(large, size.large);
  const smallRounds: Phase[] = [];
  const largeRounds: Phase[] = [];
  for (let r = 0; r < size.rounds; r++) {
    smallRounds.push(await lookup(small, size.small));
    largeRounds.push(await lookup(large, size.large));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  const p50Small = median(smallRounds.map((r) => r.p50));
  const p50Large = median(largeRounds.map((r) => r.p50));
  const lookupErrors = [...smallRounds, ...largeRounds].reduce((s, r) => s + r.errors, 0);

  // A team grant follows a PATCH on the very next request.
  const grant = await fetch(`${app.url}/api/v1/sharing/grants`, {
    method: "POST",
    headers: { authorization: `Bearer ${push.apiToken}`, "content-type": "application/json" },
    body: JSON.stringify({ subject_type: "poc", subject_id: push.pocId, principal_type: "team", principal_id: groupIds[0], actions: ["view"] }),
  });
  if (grant.status !== 201) throw new Error(`team grant: HTTP ${grant.status} ${await grant.text()}`);
  const outsider = push.outsiderId;
  const cookie = `next-auth.session-token=${await encode({ token: { sub: outsider, sid: push.outsiderSessionId }, secret: BENCH_SECRET })}`;
  const pocStatus = async () => (await fetch(`${app.url}/api/v1/pocs/${push.pocId}`, { headers: { cookie } })).status;
  let reflected = 0;
  for (let i = 0; i < size.nextRequestChecks; i++) {
    await idp("PATCH", `/Groups/${groupIds[0]}`, { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: [{ value: outsider }] }] });
    if ((await pocStatus()) === 200) reflected += 1;
    await idp("PATCH", `/Groups/${groupIds[0]}`, { schemas: [PATCH_OP], Operations: [{ op: "remove", path: `members[value eq "${outsider}"]` }] });
    if ((await pocStatus()) === 404) reflected += 1;
  }
  const loadAfter = os.loadavg()[0]!;
  await app.stop();

  const strip = (phase: Phase & { latencies: number[] }): Phase => ({ requests: phase.requests, seconds: phase.seconds, rps: phase.rps, p50: phase.p50, p99: phase.p99, errors: phase.errors });
  const ratio = p50Large / Math.max(p50Small, 0.001);
  return {
    concurrency: CONCURRENCY,
    size,
    loadAverage: { before: Math.round(loadBefore * 100) / 100, after: Math.round(loadAfter * 100) / 100 },
    push: { users: strip(users), groups: strip(groups), patches: strip(patches), total },
    lookup: { p50_small_ms: p50Small, p50_large_ms: p50Large, ratio: Math.round(ratio * 100) / 100, rounds_small: smallRounds, rounds_large: largeRounds },
    nextRequest: { checks: size.nextRequestChecks * 2, reflected },
    goals: {
      push_seconds: { goal: "<= 90", value: total.seconds, met: total.seconds <= 90 },
      patch_p99_ms: { goal: "<= 100", value: patches.p99, met: patches.p99 <= 100 },
      lookup_p50_100k_vs_1k: { goal: "<= 1.2", value: ratio, met: ratio <= 1.2 },
      team_grant_next_request: { goal: "every check", value: `${reflected}/${size.nextRequestChecks * 2}`, met: reflected === size.nextRequestChecks * 2 },
    },
    errors: total.errors + lookupErrors + (size.nextRequestChecks * 2 - reflected),
  };
}

export function printScim(result: ScimBenchResult): void {
  const push = result.push as Record<string, Phase & { seconds: number }>;
  const lookup = result.lookup as { p50_small_ms: number; p50_large_ms: number; ratio: number };
  const size = result.size as ScimSize;
  const load = result.loadAverage as { before: number; after: number };
  console.log(`\nSCIM push at ${result.concurrency} concurrent requests (load avg ${load.before} -> ${load.after}; other work on the machine skews these):`);
  console.log("| phase | requests | seconds | req/s | p50 ms | p99 ms | errors |");
  console.log("|---|--:|--:|--:|--:|--:|--:|");
  for (const [name, p] of Object.entries(push)) console.log(`| ${name} | ${p.requests} | ${p.seconds} | ${p.rps} | ${p.p50 ?? ""} | ${p.p99} | ${p.errors} |`);
  console.log(`userName eq p50: ${lookup.p50_small_ms} ms at ${size.small} members, ${lookup.p50_large_ms} ms at ${size.large} (x${lookup.ratio})`);
  const next = result.nextRequest as { checks: number; reflected: number };
  console.log(`team grant after PATCH, next request: ${next.reflected}/${next.checks} reflected`);
  for (const [name, g] of Object.entries(result.goals as Record<string, { goal: string; value: unknown; met: boolean }>)) {
    console.log(`  ${g.met ? "met    " : "NOT met"}  ${name.padEnd(34)} ${String(g.value)} (goal ${g.goal})`);
  }
}
