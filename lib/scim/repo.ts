/**
 * Queries for SCIM Users (a tenant's memberships with their users) and Groups (the tenant's
 * teams with source `scim`). Every function takes the request's transaction and the tenant.
 */
import { and, asc, count, eq, inArray, isNull, ne, notExists, sql, type SQL } from "drizzle-orm";
import { apiTokens, memberships, pocs, teamMembers, teams, users } from "@/db/schema";
import { executeRows, type Executor } from "@/lib/db/repo";
import type { AttrMap } from "./filter";

// ---- Users ----

export const USER_ATTRS: AttrMap = {
  schemaPrefixes: ["urn:ietf:params:scim:schemas:core:2.0:user:"],
  attrs: {
    id: { column: sql`${memberships.userId}`, kind: "uuid" },
    username: { column: sql`${memberships.userName}`, kind: "ci" },
    externalid: { column: sql`${memberships.externalId}`, kind: "exact" },
    displayname: { column: sql`coalesce(${memberships.scimAttributes}->>'displayName', ${users.name})`, kind: "ci" },
    "name.givenname": { column: sql`${memberships.scimAttributes}->'name'->>'givenName'`, kind: "ci" },
    "name.familyname": { column: sql`${memberships.scimAttributes}->'name'->>'familyName'`, kind: "ci" },
    title: { column: sql`${memberships.scimAttributes}->>'title'`, kind: "ci" },
    active: { column: sql`(${memberships.active} and ${users.active})`, kind: "boolean" },
    "meta.lastmodified": { column: sql`${memberships.updatedAt}`, kind: "dateTime" },
    "meta.created": { column: sql`${memberships.createdAt}`, kind: "dateTime" },
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:department": {
      column: sql`${memberships.scimAttributes}->'enterprise'->>'department'`,
      kind: "ci",
    },
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:employeenumber": {
      column: sql`${memberships.scimAttributes}->'enterprise'->>'employeeNumber'`,
      kind: "exact",
    },
  },
  complex: {
    // One email per user (the account's, type work, primary): a condition on it is a row condition.
    emails: {
      sub: {
        value: { column: sql`${users.email}`, kind: "lowered" },
        type: { column: sql`'work'`, kind: "ci" },
        primary: { column: sql`true`, kind: "boolean" },
      },
      wrap: (condition) => condition,
    },
  },
};

const userColumns = {
  id: memberships.userId,
  email: users.email,
  name: users.name,
  userName: memberships.userName,
  externalId: memberships.externalId,
  scimAttributes: memberships.scimAttributes,
  active: sql<boolean>`(${memberships.active} and ${users.active})`,
  membershipActive: memberships.active,
  hasPassword: sql<boolean>`(${users.passwordHash} is not null)`,
  role: memberships.role,
  createdAt: memberships.createdAt,
  updatedAt: memberships.updatedAt,
};
export type ScimUserRow = {
  id: string;
  email: string;
  name: string;
  userName: string | null;
  externalId: string | null;
  scimAttributes: Record<string, unknown> | null;
  active: boolean;
  membershipActive: boolean;
  hasPassword: boolean;
  role: "tenant_admin" | "member" | "executive";
  createdAt: Date;
  updatedAt: Date;
};

const inTenant = (tenantId: string, where?: SQL) => and(eq(memberships.tenantId, tenantId), where);

export function listUsers(tx: Executor, tenantId: string, where: SQL | undefined, offset: number, limit: number): Promise<ScimUserRow[]> {
  return tx
    .select(userColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inTenant(tenantId, where))
    .orderBy(asc(memberships.createdAt), asc(memberships.userId))
    .offset(offset)
    .limit(limit) as Promise<ScimUserRow[]>;
}

export async function countUsers(tx: Executor, tenantId: string, where: SQL | undefined): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(inTenant(tenantId, where));
  return row?.n ?? 0;
}

export async function findUser(tx: Executor, tenantId: string, userId: string): Promise<ScimUserRow | null> {
  const [row] = await tx
    .select(userColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inTenant(tenantId, eq(memberships.userId, userId)))
    .for("update", { of: memberships });
  return (row as ScimUserRow | undefined) ?? null;
}

/** Another member of the tenant already using this userName (case-insensitive) or externalId. */
export async function findConflictingMember(tx: Executor, tenantId: string, userName: string, externalId: string | null, exceptUserId?: string) {
  const [row] = await tx
    .select({ userId: memberships.userId, userName: memberships.userName, externalId: memberships.externalId })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        sql`(lower(${memberships.userName}) = ${userName.toLowerCase()}${externalId ? sql` or ${memberships.externalId} = ${externalId}` : sql``})`,
        exceptUserId ? ne(memberships.userId, exceptUserId) : undefined,
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function findUserIdByEmail(tx: Executor, email: string): Promise<string | null> {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row?.id ?? null;
}

type MembershipValues = { userName: string; externalId: string | null; scimAttributes: Record<string, unknown>; active: boolean };

/**
 * POST /Users in one statement: the account with this email (created without a password when
 * there is none: SCIM users set one through an emailed link, or SSO later) and its membership
 * of the tenant, returned as the SCIM row. The unique indexes answer the conflicts (userName,
 * externalId, already a member). Null when a concurrent request created the account between
 * this statement's snapshot and its insert: the caller runs it again.
 */
export async function insertMember(
  tx: Executor,
  tenantId: string,
  account: { email: string; name: string },
  values: MembershipValues,
): Promise<(ScimUserRow & { linked: boolean }) | null> {
  const [row] = await executeRows<{
    id: string;
    email: string;
    name: string;
    user_name: string;
    external_id: string | null;
    scim_attributes: Record<string, unknown> | null;
    active: boolean;
    membership_active: boolean;
    has_password: boolean;
    linked: boolean;
    role: ScimUserRow["role"];
    created_at: string | Date;
    updated_at: string | Date;
  }>(tx, sql`
    with existing as (
      select id, email, name, active, password_hash is not null as has_password, true as linked from users where email = ${account.email}
    ), created as (
      insert into users (email, name, password_hash)
      select ${account.email}, ${account.name}, null where not exists (select 1 from existing)
      on conflict (email) do nothing
      returning id, email, name, active, false as has_password, false as linked
    ), account as (
      select * from existing union all select * from created
    ), member as (
      insert into memberships (tenant_id, user_id, role, user_name, external_id, scim_attributes, active)
      select ${tenantId}, account.id, 'member', ${values.userName}, ${values.externalId}, ${JSON.stringify(values.scimAttributes)}::jsonb, ${values.active}
      from account
      returning user_id, role, user_name, external_id, scim_attributes, active, created_at, updated_at
    )
    select member.user_id as id, account.email, account.name, member.user_name, member.external_id, member.scim_attributes,
      (member.active and account.active) as active, member.active as membership_active, account.has_password, account.linked,
      member.role, member.created_at, member.updated_at
    from member join account on account.id = member.user_id`);
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    userName: row.user_name,
    externalId: row.external_id,
    scimAttributes: row.scim_attributes,
    active: row.active,
    membershipActive: row.membership_active,
    hasPassword: row.has_password,
    role: row.role,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    linked: row.linked,
  };
}

export async function updateMembership(tx: Executor, tenantId: string, userId: string, values: MembershipValues) {
  await tx
    .update(memberships)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
}

export async function countOtherMemberships(tx: Executor, userId: string, tenantId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(memberships).where(and(eq(memberships.userId, userId), ne(memberships.tenantId, tenantId)));
  return row?.n ?? 0;
}

export async function updateUserProfile(tx: Executor, userId: string, values: { name?: string; email?: string }) {
  if (Object.keys(values).length === 0) return;
  await tx.update(users).set(values).where(eq(users.id, userId));
}

/** Deprovisioning: the user's API tokens in this tenant stop working (revoked, not just refused). */
export async function revokeUserApiTokens(tx: Executor, tenantId: string, userId: string): Promise<string[]> {
  const rows = await tx
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.map((r) => r.id);
}

export async function removeFromTenantTeams(tx: Executor, tenantId: string, userId: string) {
  await tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.userId, userId), inArray(teamMembers.teamId, tx.select({ id: teams.id }).from(teams).where(eq(teams.tenantId, tenantId)))));
}

export async function deleteMembership(tx: Executor, tenantId: string, userId: string) {
  await tx.delete(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
}

/**
 * A user who belongs to no tenant any more is deleted, unless they own POCs (which keep
 * their owner): then they are kept but can no longer sign in. Returns what happened.
 */
export async function retireOrphanUser(tx: Executor, userId: string): Promise<"deleted" | "deactivated"> {
  const deleted = await tx
    .delete(users)
    .where(and(eq(users.id, userId), notExists(tx.select({ one: sql`1` }).from(pocs).where(eq(pocs.ownerId, userId)))))
    .returning({ id: users.id });
  if (deleted.length > 0) return "deleted";
  await tx.update(users).set({ active: false }).where(eq(users.id, userId));
  return "deactivated";
}

// ---- Groups ----

export const GROUP_ATTRS: AttrMap = {
  schemaPrefixes: ["urn:ietf:params:scim:schemas:core:2.0:group:"],
  attrs: {
    id: { column: sql`${teams.id}`, kind: "uuid" },
    displayname: { column: sql`${teams.name}`, kind: "ci" },
    externalid: { column: sql`${teams.externalId}`, kind: "exact" },
    "meta.lastmodified": { column: sql`${teams.updatedAt}`, kind: "dateTime" },
    "meta.created": { column: sql`${teams.createdAt}`, kind: "dateTime" },
  },
  complex: {
    members: {
      sub: { value: { column: sql`tm.user_id`, kind: "uuid" } },
      wrap: (condition) => sql`exists (select 1 from team_members tm where tm.team_id = ${teams.id} and ${condition})`,
    },
  },
};

const scimTeamsOf = (tenantId: string, where?: SQL) => and(eq(teams.tenantId, tenantId), eq(teams.source, "scim"), where);

export function listGroups(tx: Executor, tenantId: string, where: SQL | undefined, offset: number, limit: number) {
  return tx.select().from(teams).where(scimTeamsOf(tenantId, where)).orderBy(asc(teams.createdAt), asc(teams.id)).offset(offset).limit(limit);
}

export async function countGroups(tx: Executor, tenantId: string, where: SQL | undefined): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(teams).where(scimTeamsOf(tenantId, where));
  return row?.n ?? 0;
}

export async function findGroup(tx: Executor, tenantId: string, teamId: string, opts: { forUpdate?: boolean } = {}) {
  const query = tx.select().from(teams).where(scimTeamsOf(tenantId, eq(teams.id, teamId)));
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

/** Locks a group for a change and marks it modified now (meta.lastModified), in one statement. */
export async function touchGroup(tx: Executor, tenantId: string, teamId: string) {
  const [row] = await tx
    .update(teams)
    .set({ updatedAt: sql`now()` })
    .where(scimTeamsOf(tenantId, eq(teams.id, teamId)))
    .returning();
  return row ?? null;
}

/** Any team of the tenant (manual or SCIM) with this name, case-insensitively, other than `exceptId`. */
export async function findTeamNamed(tx: Executor, tenantId: string, name: string, exceptId?: string) {
  const [row] = await tx
    .select({ id: teams.id, source: teams.source })
    .from(teams)
    .where(and(eq(teams.tenantId, tenantId), sql`lower(${teams.name}) = ${name.toLowerCase()}`, exceptId ? ne(teams.id, exceptId) : undefined))
    .limit(1);
  return row ?? null;
}

export async function findTeamByExternalId(tx: Executor, tenantId: string, externalId: string, exceptId?: string) {
  const [row] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.tenantId, tenantId), eq(teams.externalId, externalId), exceptId ? ne(teams.id, exceptId) : undefined))
    .limit(1);
  return row ?? null;
}

export async function membersOf(tx: Executor, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return tx
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId, name: users.name })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(inArray(teamMembers.teamId, teamIds))
    .orderBy(asc(teamMembers.createdAt), asc(teamMembers.userId));
}

export async function insertGroup(tx: Executor, tenantId: string, values: { name: string; externalId: string | null }) {
  const [row] = await tx.insert(teams).values({ tenantId, source: "scim", ...values }).returning();
  return row!;
}

export async function updateGroup(tx: Executor, teamId: string, values: { name?: string; externalId?: string | null }) {
  await tx
    .update(teams)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(teams.id, teamId));
}

export async function deleteGroup(tx: Executor, teamId: string) {
  await tx.delete(teams).where(eq(teams.id, teamId));
}

/**
 * Adds the listed users who are members of the tenant to the team, in one statement, and
 * answers which of them are: the caller refuses the request (rolling this back) if any is not.
 */
export async function addTenantMembers(tx: Executor, tenantId: string, teamId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await executeRows<{ id: string }>(
    tx,
    sql`with known as (
          select ${memberships.userId} as id from ${memberships}
          where ${memberships.tenantId} = ${tenantId} and ${inArray(memberships.userId, userIds)}),
        added as (insert into ${teamMembers} (team_id, user_id) select ${teamId}, id from known on conflict do nothing)
        select id from known`,
  );
  return new Set(rows.map((r) => r.id));
}

export async function removeMembers(tx: Executor, teamId: string, userIds: string[] | "all"): Promise<number> {
  if (userIds !== "all" && userIds.length === 0) return 0;
  const rows = await tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), userIds === "all" ? undefined : inArray(teamMembers.userId, userIds)))
    .returning({ userId: teamMembers.userId });
  return rows.length;
}
