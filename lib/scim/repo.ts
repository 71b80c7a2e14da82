/**
 * Queries for SCIM Users (a tenant's memberships with their users) and Groups (the tenant's
 * teams with source `scim`). Every function takes the request's transaction and the tenant.
 */
import { and, asc, count, eq, inArray, isNull, ne, notExists, sql, type SQL } from "drizzle-orm";
import { apiTokens, memberships, pocs, teamMembers, teams, users } from "@/db/schema";
import type { Executor } from "@/lib/db/repo";
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

export async function insertUser(tx: Executor, values: { email: string; name: string }): Promise<string> {
  // No password: SCIM users set one through an emailed link (or sign in with SSO later).
  const [row] = await tx.insert(users).values({ email: values.email, name: values.name, passwordHash: null }).returning({ id: users.id });
  return row!.id;
}

type MembershipValues = { userName: string; externalId: string | null; scimAttributes: Record<string, unknown>; active: boolean };

export async function insertMembership(tx: Executor, tenantId: string, userId: string, values: MembershipValues) {
  await tx.insert(memberships).values({ tenantId, userId, role: "member", ...values });
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

/** Which of these ids are members of the tenant. */
export async function tenantMemberIds(tx: Executor, tenantId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await tx
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), inArray(memberships.userId, userIds)));
  return new Set(rows.map((r) => r.id));
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

export async function addMembers(tx: Executor, teamId: string, userIds: string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  const rows = await tx
    .insert(teamMembers)
    .values(userIds.map((userId) => ({ teamId, userId })))
    .onConflictDoNothing()
    .returning({ userId: teamMembers.userId });
  return rows.length;
}

export async function removeMembers(tx: Executor, teamId: string, userIds: string[] | "all"): Promise<number> {
  if (userIds !== "all" && userIds.length === 0) return 0;
  const rows = await tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), userIds === "all" ? undefined : inArray(teamMembers.userId, userIds)))
    .returning({ userId: teamMembers.userId });
  return rows.length;
}
