/**
 * The benchmark data set, written with SQL straight into the database (generate_series and
 * JSON batches, so the same statements run on PostgreSQL and PGlite). Runs in the harness
 * process through the app's own db client, before the server starts: PGlite allows one open
 * instance per folder, so the server must not be running while this writes.
 *
 * Share tokens are generated here; the database gets sha256(token) and the AES-GCM copy,
 * exactly as the app stores them, and the plaintext stays in memory for the load generator.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { hashPassword } from "@/lib/auth/password";
import { API_TOKEN_PREFIX } from "@/lib/auth/service";
import { encryptSecret, randomToken, sha256 } from "@/lib/security/crypto";
import { shareLookupStatement } from "@/lib/sharing/repo";

export type DataSize = {
  pocs: number; // POCs with children (groups x tasks, criteria, comments)
  groupsPerPoc: number;
  tasksPerGroup: number;
  grants: number; // total rows in sharing_grants after phase 2
  smallGrants: number; // rows in sharing_grants after phase 1 (route 4's "small table" run)
  links: number; // link grants: one live per POC (rule 5), the rest revoked history
  users: number;
  teams: number;
  passwordLinks: number; // live links with a password (route 3 and the password burst)
  verifiedLinks: number; // live links that verify viewers' emails (route 3v)
  teamGrantPocs: number; // POCs the benchmark viewer sees only through a team grant (route 4)
  editGrantPocs: number; // POCs the viewer may edit through a user grant (route 7's task PATCH)
  poolPocs: number; // POCs without a link, for route 5's create + revoke pairs
};

export const FULL_SIZE: DataSize = {
  pocs: 1000,
  groupsPerPoc: 4,
  tasksPerGroup: 5,
  grants: 100_000,
  smallGrants: 1000,
  links: 10_000,
  users: 500,
  teams: 100,
  passwordLinks: 100,
  verifiedLinks: 10,
  teamGrantPocs: 100,
  editGrantPocs: 20,
  poolPocs: 128,
};

export const SMOKE_SIZE: DataSize = {
  pocs: 30,
  groupsPerPoc: 2,
  tasksPerGroup: 3,
  grants: 600,
  smallGrants: 100,
  links: 60,
  users: 20,
  teams: 5,
  passwordLinks: 6,
  verifiedLinks: 2,
  teamGrantPocs: 5,
  editGrantPocs: 3,
  poolPocs: 16,
};

export const LINK_PASSWORD = "bench-link-password";

export type Seeded = {
  tenantId: string;
  adminId: string;
  viewerId: string;
  /** A server-side session of the viewer (the session cookie carries its id). */
  viewerSessionId: string;
  /** A server-side session of the tenant admin (the POC list targets). */
  adminSessionId: string;
  pocIds: string[];
  teamPocIds: string[];
  poolPocIds: string[];
  /** Tasks of the POCs the viewer edits through a user grant with `edit` (route 7). */
  editTasks: { pocId: string; taskId: string }[];
  apiToken: string;
  /** Live links without a password (routes 1 and 2), and with one (route 3, the burst). */
  openTokens: string[];
  passwordTokens: string[];
  /** Live links with require_verified_email (route 3v: the viewer pass comes from a real code). */
  verifiedTokens: string[];
  grantsAfterPhase1: number;
  grantsAfterPhase2: number;
};

const json = (value: unknown) => sql`${JSON.stringify(value)}::json`;

async function run(query: SQL): Promise<Record<string, unknown>[]> {
  const result = (await getDb().execute(query)) as unknown;
  return Array.isArray(result) ? result : ((result as { rows: Record<string, unknown>[] }).rows ?? []);
}

async function count(table: string): Promise<number> {
  const [row] = await run(sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return Number(row!.n);
}

/**
 * VACUUM ANALYZE after bulk loading, as one does before measuring: otherwise autovacuum
 * visits the freshly written tables in the middle of the measured rounds, and its CPU on
 * this 2-core machine lands on the routes that use the database, not on the ceiling.
 */
const settle = () => run(sql`vacuum analyze`);

/** Mixed user / team / role grants (45% / 35% / 20%) spread evenly over the POCs. */
async function mixedGrants(s: { tenantId: string; adminId: string; pocIds: string[]; userIds: string[]; teamIds: string[] }, from: number, n: number) {
  if (n <= 0) return;
  await run(sql`
    with pa as (select array_agg(value::uuid order by ord) as a, count(*)::int as n from json_array_elements_text(${json(s.pocIds)}) with ordinality x(value, ord)),
         ua as (select array_agg(value::uuid order by ord) as a, count(*)::int as n from json_array_elements_text(${json(s.userIds)}) with ordinality x(value, ord)),
         ta as (select array_agg(value::uuid order by ord) as a, count(*)::int as n from json_array_elements_text(${json(s.teamIds)}) with ordinality x(value, ord))
    insert into sharing_grants (tenant_id, subject_type, subject_id, principal_type, principal_user_id, principal_team_id, principal_role, actions, created_by_user_id, updated_by_user_id)
    select ${s.tenantId}::uuid, 'poc', pa.a[1 + (g % pa.n)],
      (case when g % 20 < 9 then 'user' when g % 20 < 16 then 'team' else 'role' end)::grant_principal_type,
      case when g % 20 < 9 then ua.a[1 + ((g / 7) % ua.n)] end,
      case when g % 20 >= 9 and g % 20 < 16 then ta.a[1 + ((g / 7) % ta.n)] end,
      case when g % 20 >= 16 then 'executive'::tenant_role end,
      ((array['{view}', '{view,comment}', '{view,download}', '{view,edit}'])[1 + (g % 4)])::grant_action[],
      ${s.adminId}::uuid, ${s.adminId}::uuid
    from generate_series(${from}::int, ${from + n - 1}::int) g, pa, ua, ta`);
}

/** POCs with the benchmark's content: groups and tasks, three criteria, two comments each. */
async function insertPocs(tenantId: string, ownerId: string, pocIds: string[], size: DataSize, titlePrefix: string): Promise<void> {
  const description = "A benchmark POC. ".repeat(20).trim();
  await run(sql`insert into pocs (id, tenant_id, owner_id, title, description, customer, objectives, status, start_date, end_date)
    select value::uuid, ${tenantId}::uuid, ${ownerId}::uuid, ${titlePrefix}::text || ord, ${description}, 'Customer ' || ord, 'Prove the platform at scale.',
      (array['draft', 'active', 'on_hold', 'won', 'lost'])[1 + (ord % 5)]::poc_status, date '2026-11-01', date '2027-01-31'
    from json_array_elements_text(${json(pocIds)}) with ordinality x(value, ord)`);
  await run(sql`insert into task_groups (poc_id, name, position)
    select value::uuid, 'Phase ' || (g + 1), g from json_array_elements_text(${json(pocIds)}) x, generate_series(0, ${size.groupsPerPoc - 1}::int) g`);
  await run(sql`insert into tasks (poc_id, group_id, title, status, assignee_id, due_date, position)
    select tg.poc_id, tg.id, 'Task ' || (tg.position + 1) || '.' || (k + 1), (array['todo', 'in_progress', 'blocked', 'done'])[1 + (k % 4)]::task_status,
      case when k % 2 = 0 then p.owner_id end, date '2026-12-01' + k, k
    from task_groups tg join pocs p on p.id = tg.poc_id, generate_series(0, ${size.tasksPerGroup - 1}::int) k where p.tenant_id = ${tenantId}::uuid`);
  await run(sql`insert into success_criteria (poc_id, description, status, position)
    select value::uuid, 'Criterion ' || (k + 1), (array['pending', 'met', 'not_met'])[1 + (k % 3)]::criterion_status, k
    from json_array_elements_text(${json(pocIds)}) x, generate_series(0, 2) k`);
  await run(sql`insert into comments (poc_id, author_user_id, body)
    select value::uuid, ${ownerId}::uuid, 'Comment ' || (k + 1) from json_array_elements_text(${json(pocIds)}) x, generate_series(0, 1) k`);
}

/** POCs in the small tenant of the list's scaling reference: one full first page. */
export const SMALL_LIST_POCS = 50;

/**
 * A second tenant with one page of POCs (`SMALL_LIST_POCS`) and an admin: the POC list's
 * first page measured there is the reference the 1,000-POC tenant's is compared to
 * ("the list stays fast at 1,000 POCs": the same 50 cards, 20x the POCs behind them).
 */
export async function seedSmallListTenant(size: DataSize): Promise<{ adminSessionId: string; adminId: string; apiToken: string }> {
  const tenantId = randomUUID();
  const adminId = randomUUID();
  await run(sql`insert into tenants (id, name, slug) values (${tenantId}::uuid, 'Bench small', ${`bench-small-${randomBytes(3).toString("hex")}`})`);
  await run(sql`insert into users (id, email, name, password_hash) values (${adminId}::uuid, 'bench-small-admin@bench.test', 'Bench Small Admin', ${await hashPassword("bench-user-password")})`);
  await run(sql`insert into memberships (tenant_id, user_id, role) values (${tenantId}::uuid, ${adminId}::uuid, 'tenant_admin')`);
  await insertPocs(tenantId, adminId, Array.from({ length: SMALL_LIST_POCS }, () => randomUUID()), size, "Small POC ");
  const apiToken = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  await run(sql`insert into api_tokens (tenant_id, user_id, name, display_prefix, token_hash)
    values (${tenantId}::uuid, ${adminId}::uuid, 'bench small', ${apiToken.slice(0, 10)}, ${sha256(apiToken)})`);
  const adminSessionId = randomUUID();
  await run(sql`insert into sessions (id, user_id, expires_at) values (${adminSessionId}::uuid, ${adminId}::uuid, now() + interval '1 day')`);
  await settle();
  await closeDb();
  return { adminSessionId, adminId, apiToken };
}

/** Migrates, then phase 1: people, POCs with children, the API token, and `smallGrants` grants. */
export async function seedPhase1(size: DataSize): Promise<{ seeded: Seeded; ctx: SeedContext }> {
  await migrateDb();
  const passwordHash = await hashPassword("bench-user-password");
  const tenantId = randomUUID();
  const adminId = randomUUID();
  const viewerId = randomUUID();
  const userIds = Array.from({ length: size.users }, () => randomUUID());
  const teamIds = Array.from({ length: size.teams }, () => randomUUID());
  const pocIds = Array.from({ length: size.pocs }, () => randomUUID());
  const poolPocIds = Array.from({ length: size.poolPocs }, () => randomUUID());

  await run(sql`insert into tenants (id, name, slug) values (${tenantId}::uuid, 'Bench', ${`bench-${randomBytes(3).toString("hex")}`})`);
  const people = [
    { id: adminId, email: "bench-admin@bench.test", name: "Bench Admin", role: "tenant_admin" },
    { id: viewerId, email: "bench-viewer@bench.test", name: "Bench Viewer", role: "member" },
    ...userIds.map((id, i) => ({ id, email: `user${i}@bench.test`, name: `User ${i}`, role: "member" })),
  ];
  await run(sql`insert into users (id, email, name, password_hash)
    select (x->>'id')::uuid, x->>'email', x->>'name', ${passwordHash} from json_array_elements(${json(people)}) x`);
  await run(sql`insert into memberships (tenant_id, user_id, role)
    select ${tenantId}::uuid, (x->>'id')::uuid, (x->>'role')::tenant_role from json_array_elements(${json(people)}) x`);
  // Team 0 holds the viewer; the other teams hold the other users, five teams each.
  const viewerTeamId = randomUUID();
  await run(sql`insert into teams (id, tenant_id, name)
    select value::uuid, ${tenantId}::uuid, 'Team ' || ord from json_array_elements_text(${json([viewerTeamId, ...teamIds])}) with ordinality x(value, ord)`);
  await run(sql`insert into team_members (team_id, user_id) values (${viewerTeamId}::uuid, ${viewerId}::uuid)`);
  await run(sql`
    with ua as (select value::uuid as id, ord from json_array_elements_text(${json(userIds)}) with ordinality x(value, ord)),
         ta as (select array_agg(value::uuid order by ord) as a, count(*)::int as n from json_array_elements_text(${json(teamIds)}) with ordinality x(value, ord))
    insert into team_members (team_id, user_id)
    select distinct ta.a[1 + ((ua.ord + k * 17) % ta.n)], ua.id from ua, ta, generate_series(0, 4) k`);

  await insertPocs(tenantId, adminId, pocIds, size, "Bench POC ");
  // Older than the others: every sort's first page of the POC list is POCs with content, as in
  // the 50-POC tenant it is compared to (seedSmallListTenant).
  await run(sql`insert into pocs (id, tenant_id, owner_id, title, status, created_at, updated_at)
    select value::uuid, ${tenantId}::uuid, ${adminId}::uuid, 'Bench pool POC ' || ord, 'draft', now() - interval '1 day', now() - interval '1 day'
    from json_array_elements_text(${json(poolPocIds)}) with ordinality x(value, ord)`);

  const apiToken = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  await run(sql`insert into api_tokens (tenant_id, user_id, name, display_prefix, token_hash)
    values (${tenantId}::uuid, ${adminId}::uuid, 'bench', ${apiToken.slice(0, 10)}, ${sha256(apiToken)})`);

  // Route 4's viewer sees these POCs only through team 0's grant. They skip the first
  // `passwordLinks` POCs so the two sets do not overlap.
  const teamPocIds = pocIds.slice(size.passwordLinks, size.passwordLinks + size.teamGrantPocs);
  await run(sql`insert into sharing_grants (tenant_id, subject_id, principal_type, principal_team_id, actions, created_by_user_id, updated_by_user_id)
    select ${tenantId}::uuid, value::uuid, 'team', ${viewerTeamId}::uuid, '{view}', ${adminId}::uuid, ${adminId}::uuid from json_array_elements_text(${json(teamPocIds)}) x`);
  // Route 7's viewer edits the next POCs through a direct user grant with `edit`.
  const editPocIds = pocIds.slice(size.passwordLinks + size.teamGrantPocs, size.passwordLinks + size.teamGrantPocs + size.editGrantPocs);
  await run(sql`insert into sharing_grants (tenant_id, subject_id, principal_type, principal_user_id, actions, created_by_user_id, updated_by_user_id)
    select ${tenantId}::uuid, value::uuid, 'user', ${viewerId}::uuid, '{view,edit}', ${adminId}::uuid, ${adminId}::uuid from json_array_elements_text(${json(editPocIds)}) x`);
  const editTasks = (await run(sql`select t.poc_id, t.id from tasks t join json_array_elements_text(${json(editPocIds)}) x on t.poc_id = x.value::uuid order by t.poc_id, t.position`)).map(
    (r) => ({ pocId: String(r.poc_id), taskId: String(r.id) }),
  );
  const ctx: SeedContext = { size, tenantId, adminId, pocIds, userIds, teamIds, nextMixed: 0 };
  const filler = size.smallGrants - teamPocIds.length - editPocIds.length;
  await mixedGrants(ctx, 0, filler);
  ctx.nextMixed = filler;
  await settle();

  const viewerSessionId = randomUUID();
  const adminSessionId = randomUUID();
  await run(sql`insert into sessions (id, user_id, expires_at) values (${viewerSessionId}::uuid, ${viewerId}::uuid, now() + interval '1 day'), (${adminSessionId}::uuid, ${adminId}::uuid, now() + interval '1 day')`);
  const seeded: Seeded = {
    tenantId,
    adminId,
    viewerId,
    viewerSessionId,
    adminSessionId,
    pocIds,
    teamPocIds,
    poolPocIds,
    editTasks,
    apiToken,
    openTokens: [],
    passwordTokens: [],
    verifiedTokens: [],
    grantsAfterPhase1: await count("sharing_grants"),
    grantsAfterPhase2: 0,
  };
  await closeDb();
  return { seeded, ctx };
}

export type SeedContext = { size: DataSize; tenantId: string; adminId: string; pocIds: string[]; userIds: string[]; teamIds: string[]; nextMixed: number };

/** Phase 2: every link (one live per POC, the rest revoked) and mixed grants up to `grants`. */
export async function seedPhase2(seeded: Seeded, ctx: SeedContext): Promise<void> {
  const { size } = ctx;
  const linkPasswordHash = await hashPassword(LINK_PASSWORD);
  type LinkRow = { poc: string; hash: string; enc: string; pw: boolean; verified: boolean; revoked: boolean };
  const rows: LinkRow[] = [];
  for (let i = 0; i < size.links; i++) {
    const live = i < ctx.pocIds.length;
    const token = randomToken();
    const pw = live && i < size.passwordLinks;
    const verified = live && !pw && i < size.passwordLinks + size.verifiedLinks;
    if (live) (pw ? seeded.passwordTokens : verified ? seeded.verifiedTokens : seeded.openTokens).push(token);
    rows.push({ poc: ctx.pocIds[i % ctx.pocIds.length]!, hash: sha256(token), enc: encryptSecret(token), pw, verified, revoked: !live });
  }
  for (let i = 0; i < rows.length; i += 2000) {
    await run(sql`insert into sharing_grants (tenant_id, subject_id, principal_type, actions, password_hash, require_verified_email, token_hash, token_encrypted,
        created_by_user_id, updated_by_user_id, created_at, revoked_at, revoked_by_user_id)
      select ${ctx.tenantId}::uuid, x.poc, 'link', '{view}', case when x.pw then ${linkPasswordHash} end, x.verified, x.hash, x.enc,
        ${ctx.adminId}::uuid, ${ctx.adminId}::uuid, now() - interval '2 days',
        case when x.revoked then now() - interval '1 day' end, case when x.revoked then ${ctx.adminId}::uuid end
      from json_to_recordset(${json(rows.slice(i, i + 2000))}) as x(poc uuid, hash text, enc text, pw boolean, verified boolean, revoked boolean)`);
  }
  const have = await count("sharing_grants");
  const missing = size.grants - have;
  for (let done = 0; done < missing; done += 20_000) {
    const n = Math.min(20_000, missing - done);
    await mixedGrants(ctx, ctx.nextMixed, n);
    ctx.nextMixed += n;
  }
  await settle();
  seeded.grantsAfterPhase2 = await count("sharing_grants");
  await closeDb();
}

/**
 * Database facts for the results (the server version) and the share lookup statement the
 * raw baseline runs (the app's own, see lib/sharing/repo.ts).
 */
export async function databaseFacts(kind: "postgres" | "pglite"): Promise<{ version: string; shareStatement: string }> {
  const shareStatement = JSON.stringify(shareLookupStatement());
  const version = kind === "postgres" ? String((await run(sql`select version() as v`))[0]!.v) : "PGlite (embedded PostgreSQL 17, WASM)";
  await closeDb();
  return { version, shareStatement };
}
