import { and, asc, eq, isNull, lt, ne, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiTokens, memberships, sessions, tenants, users } from "@/db/schema";
import { preparedPerDb, type Executor } from "@/lib/db/repo";

export async function findUserByEmail(email: string) {
  const [row] = await getDb().select().from(users).where(eq(users.email, email.toLowerCase()));
  return row ?? null;
}

const actorColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  tenantId: memberships.tenantId,
  tenantName: tenants.name,
  role: memberships.role,
};

/** An active user with their (first) tenant membership, or null. */
export async function findActiveUserWithMembership(userId: string) {
  const rows = await getDb()
    .select(actorColumns)
    .from(users)
    // Only tenants where the user is active: a deactivated membership gives nothing.
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.active, true)))
    .leftJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(users.id, userId), eq(users.active, true)))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * The actor behind a live session, in one query: the session row (not revoked, not past its
 * expiry) joined to its active user and that user's first membership. The per-request cost
 * of server-side sessions is therefore one primary-key probe more inside the same statement.
 * Prepared: every signed-in request runs it.
 */
const actorBySession = preparedPerDb((db) =>
  db
    .select(actorColumns)
    .from(sessions)
    .innerJoin(users, and(eq(users.id, sessions.userId), eq(users.active, true)))
    // Only tenants where the user is active (SCIM and admins deactivate per tenant).
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.active, true)))
    .leftJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(sessions.id, sql.placeholder("sessionId")), isNull(sessions.revokedAt), sql`${sessions.expiresAt} > now()`))
    .orderBy(asc(memberships.createdAt))
    .limit(1)
    .prepare("actor_by_session"),
);

export async function findActorBySession(sessionId: string) {
  const rows = await actorBySession().execute({ sessionId });
  return rows[0] ?? null;
}

export async function insertSession(values: { userId: string; ip: string | null; userAgent: string | null; maxAgeSeconds: number }): Promise<string> {
  const [row] = await getDb()
    .insert(sessions)
    .values({ userId: values.userId, ip: values.ip, userAgent: values.userAgent, expiresAt: sql`now() + make_interval(secs => ${values.maxAgeSeconds})` })
    .returning({ id: sessions.id });
  return row!.id;
}

export async function revokeSession(sessionId: string): Promise<void> {
  await getDb().update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/**
 * Ends the user's live sessions (all, or all but `keepSessionId`). With `tenantId`, only when
 * the user is a member of that tenant, so one tenant's admin or SCIM client cannot sign out
 * another tenant's users. Returns how many sessions ended.
 */
export async function revokeUserSessions(tx: Executor, userId: string, options: { keepSessionId?: string; tenantId?: string } = {}): Promise<number> {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        options.keepSessionId ? ne(sessions.id, options.keepSessionId) : undefined,
        options.tenantId
          ? sql`exists (select 1 from ${memberships} m where m.tenant_id = ${options.tenantId} and m.user_id = ${userId})`
          : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

export async function setPasswordHash(tx: Executor, userId: string, passwordHash: string): Promise<void> {
  await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export async function setUserName(tx: Executor, userId: string, name: string): Promise<void> {
  await tx.update(users).set({ name }).where(eq(users.id, userId));
}

export async function findUserById(userId: string) {
  const [row] = await getDb().select().from(users).where(eq(users.id, userId));
  return row ?? null;
}

/** The tenants a user belongs to (their audit events go to each). */
export async function listUserTenantIds(userId: string, tx: Executor = getDb()): Promise<string[]> {
  const rows = await tx.select({ tenantId: memberships.tenantId }).from(memberships).where(eq(memberships.userId, userId));
  return rows.map((r) => r.tenantId);
}

/**
 * A live API token with its user and that user's current role in the token's tenant, and its
 * use recorded (at most once a minute, so a busy token does not write on every request) in
 * the same statement. Prepared: every API-token request runs it.
 */
const liveApiTokenByHash = preparedPerDb((db) => {
  const tokenHash = sql.placeholder("tokenHash");
  const usable = and(
    eq(apiTokens.tokenHash, tokenHash),
    isNull(apiTokens.revokedAt),
    sql`exists (select 1 from ${users} u where u.id = ${apiTokens.userId} and u.active)`,
    sql`exists (select 1 from ${memberships} m where m.user_id = ${apiTokens.userId} and m.tenant_id = ${apiTokens.tenantId} and m.active)`,
  );
  const touched = db.$with("touched").as(
    db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(and(usable, or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`))))
      .returning({ id: apiTokens.id }),
  );
  return db
    .with(touched)
    .select({
      tokenId: apiTokens.id,
      tenantId: apiTokens.tenantId,
      tenantName: tenants.name,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
    })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.id, apiTokens.userId), eq(users.active, true)))
    .innerJoin(tenants, eq(tenants.id, apiTokens.tenantId))
    .innerJoin(
      memberships,
      and(eq(memberships.userId, apiTokens.userId), eq(memberships.tenantId, apiTokens.tenantId), eq(memberships.active, true)),
    )
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .prepare("live_api_token_by_hash");
});

export async function findLiveApiTokenByHash(tokenHash: string) {
  const [row] = await liveApiTokenByHash().execute({ tokenHash });
  return row ?? null;
}

/** Sessions that ended (expired or revoked) over a day ago: nothing reads them any more. */
export async function deleteEndedSessions(): Promise<number> {
  const rows = await getDb()
    .delete(sessions)
    .where(sql`${sessions.expiresAt} < now() - interval '1 day' or ${sessions.revokedAt} < now() - interval '1 day'`)
    .returning({ id: sessions.id });
  return rows.length;
}
