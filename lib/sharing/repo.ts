import { and, desc, eq, inArray, is, isNull, lte, Placeholder, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn, type SelectedFields } from "drizzle-orm/pg-core";
import { getDb, type Db } from "@/db/client";
import { comments, memberships, pocPublicDocs, pocs, sharingGrants, shareViews, teams, tenants, users, type SharingGrant } from "@/db/schema";
import { isForeignKeyViolation, type Executor } from "@/lib/db/repo";
import { appendedAfter, type ChainedEvent } from "@/lib/audit/repo";

/** Rule 2 on a POC grant aliased `g`: not revoked, not tombstoned, not past expiry. */
const liveGrantOnPoc = sql`g.subject_type = 'poc' and g.revoked_at is null and g.tombstoned_at is null and (g.expires_at is null or g.expires_at > now())`;

/**
 * SQL condition on a sharing_grants row aliased `g`: the grant is live now (rule 2) and
 * matches the user directly, through one of their teams, or through their current role in
 * the subject's tenant. Evaluated inside the same query as the subject, so access is always
 * judged at request time and in one round trip.
 */
export function liveGrantMatchingUser(userId: string | Placeholder, subjectId: AnyPgColumn | SQL, subjectTenantId: AnyPgColumn | SQL): SQL {
  return sql`${liveGrantOnPoc} and g.subject_id = ${subjectId}
    and not exists (select 1 from memberships dm where dm.tenant_id = ${subjectTenantId} and dm.user_id = ${userId} and not dm.active)
    and (
      (g.principal_type = 'user' and g.principal_user_id = ${userId})
      or (g.principal_type = 'team' and g.principal_team_id in (select tm.team_id from team_members tm where tm.user_id = ${userId}))
      or (g.principal_type = 'role' and g.principal_role = (
        select m.role from memberships m where m.tenant_id = ${subjectTenantId} and m.user_id = ${userId} and m.active))
    )`;
}

/**
 * The ids of the POCs a user holds a live grant on (user, team or role), as one uncorrelated
 * subquery: three index-driven branches instead of a check per POC row. The list's condition
 * (lib/pocs/repo.ts, visibleTo) reads it once per query; per-POC checks keep
 * liveGrantMatchingUser. Same rules as liveGrantMatchingUser, with the deactivated-membership
 * rule left to the caller (it depends on the POC's tenant): a role grant counts in the tenant
 * of its POC only.
 */
export function pocIdsGrantedToUser(userId: string): SQL {
  return sql`select g.subject_id from sharing_grants g where g.principal_type = 'user' and g.principal_user_id = ${userId} and ${liveGrantOnPoc}
    union all
    select g.subject_id from sharing_grants g
      where g.principal_type = 'team' and g.principal_team_id = any(array(select tm.team_id from team_members tm where tm.user_id = ${userId})) and ${liveGrantOnPoc}
    union all
    select g.subject_id from memberships m
      join sharing_grants g on g.tenant_id = m.tenant_id and g.principal_type = 'role' and g.principal_role = m.role
      join pocs gp on gp.id = g.subject_id and gp.tenant_id = m.tenant_id
      where m.user_id = ${userId} and m.active and ${liveGrantOnPoc}`;
}

// ---- grants ----
/** Rule 2 as a condition on sharing_grants: not revoked, not tombstoned, not past expiry. */
const isLiveGrant = and(
  isNull(sharingGrants.revokedAt),
  isNull(sharingGrants.tombstonedAt),
  sql`(${sharingGrants.expiresAt} is null or ${sharingGrants.expiresAt} > now())`,
);

const creator = alias(users, "creator");
const principalUser = alias(users, "principal_user");
const grantColumns = {
  grant: sharingGrants,
  creatorName: creator.name,
  principalName: sql<string | null>`coalesce(${principalUser.name}, ${teams.name})`,
  principalEmail: principalUser.email,
};

export type GrantRow = { grant: SharingGrant; creatorName: string | null; principalName?: string | null; principalEmail?: string | null };

/** Grants with the names of their creator and principal (user or team), and any `more` columns. */
export function selectGrants<More extends SelectedFields = Record<string, never>>(tx: Executor = getDb(), more?: More) {
  return tx
    .select({ ...grantColumns, ...(more as More) })
    .from(sharingGrants)
    .leftJoin(creator, eq(creator.id, sharingGrants.createdByUserId))
    .leftJoin(principalUser, eq(principalUser.id, sharingGrants.principalUserId))
    .leftJoin(teams, eq(teams.id, sharingGrants.principalTeamId));
}

export async function insertGrant(tx: Executor, values: typeof sharingGrants.$inferInsert): Promise<SharingGrant> {
  const [row] = await tx.insert(sharingGrants).values(values).returning();
  return row!;
}

/**
 * The grant, complete with its id and times, and its audit event in one statement; false, and
 * no event, when the subject already has a live link.
 */
export async function insertGrantAudited(grant: SharingGrant, event: ChainedEvent, tx: Executor = getDb()): Promise<boolean> {
  // Only the one-live-link index (db/schema.ts, sharing_grants_one_live_link) may refuse it quietly; any other conflict is an error.
  const oneLiveLink = { target: [sharingGrants.subjectType, sharingGrants.subjectId], where: sql`principal_type = 'link' and revoked_at is null and tombstoned_at is null` };
  const written = tx.$with("written").as(tx.insert(sharingGrants).values(grant).onConflictDoNothing(oneLiveLink).returning({ id: sharingGrants.id }));
  const rows = await tx.with(written, ...appendedAfter(tx, written, event)).select({ id: written.id }).from(written);
  return rows.length > 0;
}

export async function findGrant(grantId: string, tx: Executor = getDb()): Promise<GrantRow | null> {
  const [row] = await selectGrants(tx).where(eq(sharingGrants.id, grantId));
  return row ?? null;
}

export function listSubjectGrants(subjectId: string): Promise<GrantRow[]> {
  return selectGrants()
    .where(and(eq(sharingGrants.subjectId, subjectId), isNull(sharingGrants.revokedAt), isNull(sharingGrants.tombstonedAt)))
    .orderBy(desc(sharingGrants.createdAt));
}

/** A live grant of the subject for the same principal, if any (one grant per principal). */
export async function findLiveGrantForPrincipal(
  subjectId: string,
  principal: { type: "user" | "team" | "role"; userId?: string | null; email?: string | null; teamId?: string | null; role?: string | null },
) {
  const match =
    principal.type === "team"
      ? eq(sharingGrants.principalTeamId, principal.teamId!)
      : principal.type === "role"
        ? sql`${sharingGrants.principalRole} = ${principal.role}`
        : principal.userId
          ? eq(sharingGrants.principalUserId, principal.userId)
          : eq(sharingGrants.principalEmail, principal.email!);
  const [row] = await getDb()
    .select({ id: sharingGrants.id })
    .from(sharingGrants)
    .where(
      and(
        eq(sharingGrants.subjectId, subjectId),
        eq(sharingGrants.principalType, principal.type),
        match,
        isLiveGrant,
      ),
    );
  return row?.id ?? null;
}

/**
 * How long the user's own `share` right on the subject lasts: "never" (a live share grant
 * without expiry), the latest expiry among their share grants, or null when they have none.
 */
export async function findShareRightExpiry(subjectId: string, subjectTenantId: string, userId: string): Promise<Date | "never" | null> {
  const [row] = await getDb()
    .select({
      unlimited: sql<boolean>`coalesce(bool_or(g.expires_at is null), false)`,
      latest: sql<string | null>`max(g.expires_at)`,
    })
    .from(sql`sharing_grants g`)
    .where(sql`'share' = any(g.actions) and ${liveGrantMatchingUser(userId, sql`${subjectId}::uuid`, sql`${subjectTenantId}::uuid`)}`);
  if (row?.unlimited) return "never";
  return row?.latest ? new Date(row.latest) : null;
}

/** A new account takes over the grants that were waiting for its email. */
export async function bindPendingGrants(tx: Executor, email: string, userId: string): Promise<number> {
  const rows = await tx
    .update(sharingGrants)
    .set({ principalUserId: userId, principalEmail: null, updatedAt: sql`now()` })
    .where(and(eq(sharingGrants.principalType, "user"), eq(sharingGrants.principalEmail, email), isNull(sharingGrants.principalUserId)))
    .returning({ id: sharingGrants.id });
  return rows.length;
}

/** What is shared with a user through live user, team and role grants, newest first. */
export function listSharedWithUser(userId: string, onlyTenantId: string | null = null) {
  const g = alias(sharingGrants, "g");
  const sharer = alias(users, "sharer");
  return getDb()
    .select({
      pocId: pocs.id,
      title: pocs.title,
      customer: pocs.customer,
      status: pocs.status,
      actions: g.actions,
      createdAt: g.createdAt,
      expiresAt: g.expiresAt,
      sharedBy: sharer.name,
    })
    .from(g)
    .innerJoin(pocs, eq(pocs.id, g.subjectId))
    .leftJoin(sharer, eq(sharer.id, g.createdByUserId))
    .where(and(liveGrantMatchingUser(userId, g.subjectId, pocs.tenantId), onlyTenantId ? eq(pocs.tenantId, onlyTenantId) : undefined))
    .orderBy(desc(g.createdAt));
}

/** The POC's link that is not revoked or tombstoned (it may have expired since). */
export async function findOpenLink(subjectId: string, tx: Executor = getDb()): Promise<GrantRow | null> {
  const [row] = await selectGrants(tx).where(and(eq(sharingGrants.subjectId, subjectId), eq(sharingGrants.principalType, "link"), isNull(sharingGrants.revokedAt), isNull(sharingGrants.tombstonedAt)));
  return row ?? null;
}

export type LinkState = "live" | "expired" | "revoked";

const linkStateCondition: Record<LinkState, SQL | undefined> = {
  live: isLiveGrant,
  expired: sql`${sharingGrants.revokedAt} is null and (${sharingGrants.tombstonedAt} is not null or ${sharingGrants.expiresAt} <= now())`,
  revoked: sql`${sharingGrants.revokedAt} is not null`,
};

const revoker = alias(users, "revoker");

/** The tenant's public links in one state (or all), newest first, with who ended them. */
export function listTenantLinks(tenantId: string, state: LinkState | "all", principalType: "link" | "embed" = "link") {
  return getDb()
    .select({ grant: sharingGrants, creatorName: creator.name, pocTitle: pocs.title, revokedByName: revoker.name })
    .from(sharingGrants)
    .innerJoin(pocs, eq(pocs.id, sharingGrants.subjectId))
    .leftJoin(creator, eq(creator.id, sharingGrants.createdByUserId))
    .leftJoin(revoker, eq(revoker.id, sharingGrants.revokedByUserId))
    .where(and(eq(sharingGrants.tenantId, tenantId), eq(sharingGrants.principalType, principalType), state === "all" ? undefined : linkStateCondition[state]))
    .orderBy(desc(sharingGrants.createdAt))
    .limit(500);
}

/** One POC's public links that ended (revoked, expired), newest first, with who revoked them. */
export function listEndedLinks(subjectId: string) {
  return getDb()
    .select({ grant: sharingGrants, creatorName: creator.name, revokedByName: revoker.name })
    .from(sharingGrants)
    .leftJoin(creator, eq(creator.id, sharingGrants.createdByUserId))
    .leftJoin(revoker, eq(revoker.id, sharingGrants.revokedByUserId))
    .where(and(eq(sharingGrants.subjectId, subjectId), eq(sharingGrants.principalType, "link"), sql`(${linkStateCondition.expired} or ${linkStateCondition.revoked})`))
    .orderBy(desc(sql`coalesce(${sharingGrants.revokedAt}, ${sharingGrants.expiresAt}, ${sharingGrants.tombstonedAt})`))
    .limit(20);
}

/** Revokes every live user grant of this person in this tenant (deprovisioning); returns them. */
export async function revokeLiveUserGrants(tx: Executor, tenantId: string, userId: string): Promise<SharingGrant[]> {
  return tx
    .update(sharingGrants)
    .set({ revokedAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        eq(sharingGrants.tenantId, tenantId),
        eq(sharingGrants.principalType, "user"),
        eq(sharingGrants.principalUserId, userId),
        isNull(sharingGrants.revokedAt),
        isNull(sharingGrants.tombstonedAt),
      ),
    )
    .returning();
}

/**
 * Revokes a live grant and appends its audit event, in one statement; false when it is no
 * longer live or is not the row version that was read (`version`, its xmin: any update since,
 * even one that left updated_at alone, makes a new one), so the event never describes an
 * older grant.
 */
export async function revokeGrantAudited(grantId: string, version: string, userId: string, revokedAt: Date, event: ChainedEvent): Promise<boolean> {
  const db = getDb();
  const written = db.$with("written").as(
    db
      .update(sharingGrants)
      .set({ revokedAt, revokedByUserId: userId, updatedAt: revokedAt, updatedByUserId: userId })
      .where(and(eq(sharingGrants.id, grantId), isNull(sharingGrants.revokedAt), isNull(sharingGrants.tombstonedAt), sql`${sharingGrants}.xmin = ${version}::xid`))
      .returning({ id: sharingGrants.id }),
  );
  const rows = await db.with(written, ...appendedAfter(db, written, event)).select({ id: written.id }).from(written);
  return rows.length > 0;
}

/** Tombstones the subject's expired grants; returns them so each gets its audit row. */
export function tombstoneExpired(tx: Executor, subjectId: string): Promise<SharingGrant[]> {
  return tx
    .update(sharingGrants)
    .set({ tombstonedAt: sql`now()` })
    .where(and(eq(sharingGrants.subjectId, subjectId), isNull(sharingGrants.revokedAt), isNull(sharingGrants.tombstonedAt), lte(sharingGrants.expiresAt, sql`now()`)))
    .returning();
}

/**
 * The anonymous view of a POC (PublicPocView), built by Postgres as JSON text in the lookup
 * query itself: the app sends it on as it is, without parsing and re-serialising a few KB of
 * JSON per request. The POC's children come ready-made from poc_public_docs (kept current by
 * triggers, migration 0004), so this is one row's worth of work. Comments are included only
 * when the grant carries `comment`, and the viewer's email only when it is watermarked. The
 * share-view tests compare the answer with the zod schema and with what a member sees.
 */
export function publicViewJson(viewerEmail: SQL): SQL<string> {
  const fields = sql`'title', ${pocs.title}, 'description', ${pocs.description}, 'customer', ${pocs.customer},
    'objectives', ${pocs.objectives}, 'status', ${pocs.status}, 'start_date', ${pocs.startDate}, 'end_date', ${pocs.endDate},
    'task_groups', coalesce(${pocPublicDocs.taskGroups}, '[]'::json),
    'success_criteria', coalesce(${pocPublicDocs.successCriteria}, '[]'::json),
    'actions', ${sharingGrants.actions},
    'viewer_email', case when ${sharingGrants.watermark} then ${viewerEmail} end`;
  return sql<string>`(case when 'comment' = any(${sharingGrants.actions})
    then json_build_object(${fields}, 'comments', coalesce(${pocPublicDocs.comments}, '[]'::json))
    else json_build_object(${fields}) end)::text`;
}

/**
 * Everything the anonymous view of a token needs, in one round trip: the grant (in any
 * state, so revoked and expired can be told apart) and the view document (null when the
 * POC is gone). A prepared statement (built once per database handle): the hottest query of
 * the app, so neither drizzle nor Postgres parses and plans it again on every request.
 */
const sharedBy = alias(users, "shared_by");

function shareByTokenHashSelect(db: Db) {
  return db
    .select({
      // Only what the anonymous path reads: every extra column costs mapping on every request.
      grant: {
        id: sharingGrants.id,
        subjectId: sharingGrants.subjectId,
        actions: sharingGrants.actions,
        watermark: sharingGrants.watermark,
        passwordHash: sharingGrants.passwordHash,
        passwordVersion: sharingGrants.passwordVersion,
        // Stored on whenever a viewer list is set (a check constraint holds it), so the lists stay out of this query.
        requireVerifiedEmail: sharingGrants.requireVerifiedEmail,
        optionVersion: sharingGrants.optionVersion,
        revokedAt: sharingGrants.revokedAt,
        tombstonedAt: sharingGrants.tombstonedAt,
      },
      expired: sql<boolean>`(${sharingGrants.expiresAt} is not null and ${sharingGrants.expiresAt} <= now())`,
      viewJson: sql<string | null>`case when ${pocs.id} is not null then ${publicViewJson(sql`${sql.placeholder("viewerEmail")}::text`)} end`,
      // The page's branding ("Acme", "Shared by Alice on …"); names only, never ids or emails.
      organisation: tenants.name,
      sharedByName: sharedBy.name,
      sharedAt: sharingGrants.createdAt,
    })
    .from(sharingGrants)
    .leftJoin(pocs, eq(pocs.id, sharingGrants.subjectId))
    .leftJoin(pocPublicDocs, eq(pocPublicDocs.pocId, pocs.id))
    .leftJoin(tenants, eq(tenants.id, sharingGrants.tenantId))
    .leftJoin(sharedBy, eq(sharedBy.id, sharingGrants.createdByUserId))
    .where(and(eq(sharingGrants.tokenHash, sql.placeholder("tokenHash")), eq(sharingGrants.principalType, "link")));
}

const shareByTokenHashQuery = (db: Db) => shareByTokenHashSelect(db).prepare("share_by_token_hash");

/**
 * The share lookup's SQL text and parameters (placeholders by name), so the benchmark's raw
 * baseline runs exactly the statement the app runs.
 */
export function shareLookupStatement(): { sql: string; params: (string | { placeholder: string })[] } {
  const query = shareByTokenHashSelect(getDb()).toSQL();
  return { sql: query.sql, params: query.params.map((p) => (is(p, Placeholder) ? { placeholder: p.name } : String(p))) };
}

const preparedShareQueries = new WeakMap<Db, ReturnType<typeof shareByTokenHashQuery>>();

/**
 * `viewerEmail` goes into the view only when the grant is watermarked; the caller sends the
 * view only after checking that the email's viewer pass belongs to this grant.
 */
export async function findShareByTokenHash(tokenHash: string, viewerEmail: string | null = null) {
  const db = getDb();
  let query = preparedShareQueries.get(db);
  if (!query) preparedShareQueries.set(db, (query = shareByTokenHashQuery(db)));
  const [row] = await query.execute({ tokenHash, viewerEmail });
  return row ?? null;
}

export async function updateGrant(tx: Executor, grantId: string, values: Partial<typeof sharingGrants.$inferInsert>): Promise<SharingGrant | null> {
  const [row] = await tx
    .update(sharingGrants)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(sharingGrants.id, grantId), isLiveGrant))
    .returning();
  return row ?? null;
}

/** Every expired grant not yet tombstoned, across tenants (the background sweep). */
export function tombstoneAllExpired(tx: Executor): Promise<SharingGrant[]> {
  return tx
    .update(sharingGrants)
    .set({ tombstonedAt: sql`now()` })
    .where(and(isNull(sharingGrants.revokedAt), isNull(sharingGrants.tombstonedAt), lte(sharingGrants.expiresAt, sql`now()`)))
    .returning();
}

/** A page view or gate entry: always through a grant (only exports by admins and owners have none). */
export type NewShareView = typeof shareViews.$inferInsert & { grantId: string };

/**
 * One INSERT for a batch of views. A grant row deleted since its view was queued has no
 * activity left to add to: on that foreign-key error the batch is written again without its
 * rows, so one stale row never loses the others' views.
 */
export async function insertShareViews(rows: NewShareView[]): Promise<void> {
  if (rows.length === 0) return;
  try {
    await getDb().insert(shareViews).values(rows);
  } catch (error) {
    if (!isForeignKeyViolation(error, "share_views_grant_id_sharing_grants_id_fk")) throw error;
    const ids = [...new Set(rows.map((r) => r.grantId))];
    const live = new Set((await getDb().select({ id: sharingGrants.id }).from(sharingGrants).where(inArray(sharingGrants.id, ids))).map((g) => g.id));
    const kept = rows.filter((r) => live.has(r.grantId));
    if (kept.length > 0) await getDb().insert(shareViews).values(kept);
  }
}

export async function insertGuestComment(values: typeof comments.$inferInsert): Promise<void> {
  await getDb().insert(comments).values(values);
}

export async function commentExists(pocId: string, commentId: string): Promise<boolean> {
  const rows = await getDb().select({ id: comments.id }).from(comments).where(and(eq(comments.id, commentId), eq(comments.pocId, pocId)));
  return rows.length > 0;
}

/**
 * Whether a guest's email or name is that of a member of the POC's tenant (email compared
 * exactly, names case- and space-insensitively): "email", "name" or null.
 */
export async function findTenantMemberMatch(pocId: string, email: string, name: string): Promise<"email" | "name" | null> {
  const normalise = (value: SQL | AnyPgColumn) => sql`lower(regexp_replace(btrim(${value}), '[[:space:]]+', ' ', 'g'))`;
  const [row] = await getDb()
    .select({
      emailMatch: sql<boolean>`coalesce(bool_or(${users.email} = ${email}), false)`,
      nameMatch: sql<boolean>`coalesce(bool_or(${normalise(users.name)} = ${normalise(sql`${name}::text`)}), false)`,
    })
    .from(pocs)
    .innerJoin(memberships, eq(memberships.tenantId, pocs.tenantId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(pocs.id, pocId));
  if (row?.emailMatch) return "email";
  if (row?.nameMatch) return "name";
  return null;
}

/** A link's viewer lists and tenant, read only when someone asks for or enters a one-time code. */
export async function findViewerRules(grantId: string) {
  const [row] = await getDb()
    .select({
      tenantId: sharingGrants.tenantId,
      requireVerifiedEmail: sharingGrants.requireVerifiedEmail,
      allowedViewers: sharingGrants.allowedViewers,
      deniedViewers: sharingGrants.deniedViewers,
      optionVersion: sharingGrants.optionVersion,
    })
    .from(sharingGrants)
    .where(eq(sharingGrants.id, grantId));
  return row ?? null;
}
