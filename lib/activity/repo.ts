import { and, desc, eq, inArray, lt, sql, type SQLWrapper } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { grantViewNotices, pocs, sharingGrants, shareViews, users } from "@/db/schema";
import type { Executor } from "@/lib/db/repo";

/** Views only: gate entries and exports are activity too, but not "views". */
const isView = sql`${shareViews.kind} = 'view'`;
/** A viewer is their gate email, an embed's viewer id, their account, or (anonymous links) their address. */
const viewerKey = sql`coalesce(${shareViews.viewerEmail}, ${shareViews.viewerExternalId}, ${shareViews.viewerUserId}::text, host(${shareViews.ip}))`;

const summaryColumns = {
  views: sql<number>`(count(*) filter (where ${isView}))::int`,
  uniqueViewers: sql<number>`(count(distinct ${viewerKey}) filter (where ${isView}))::int`,
  lastViewedAt: sql<Date | null>`max(${shareViews.viewedAt}) filter (where ${isView})`,
  exports: sql<number>`(count(*) filter (where ${shareViews.kind} = 'export'))::int`,
};

export type ActivitySummaryRow = { grantId: string; views: number; uniqueViewers: number; lastViewedAt: Date | null; exports: number };

export async function summaries(grantIds: string[]): Promise<ActivitySummaryRow[]> {
  if (grantIds.length === 0) return [];
  const rows = await getDb()
    // Filtered on grant ids, so never the grant-less rows of admins' and owners' exports.
    .select({ grantId: sql<string>`${shareViews.grantId}`, ...summaryColumns })
    .from(shareViews)
    .where(inArray(shareViews.grantId, grantIds))
    .groupBy(shareViews.grantId);
  // Aggregates come back as text from some drivers.
  return rows.map((r) => ({ ...r, lastViewedAt: r.lastViewedAt ? new Date(r.lastViewedAt) : null }));
}

const viewer = alias(users, "viewer");

/** A page of a grant's access log, newest first (keyset on id). */
export function listViews(grantId: string, beforeId: number | undefined, limit: number) {
  return getDb()
    .select({
      id: shareViews.id,
      viewedAt: shareViews.viewedAt,
      kind: shareViews.kind,
      viewerEmail: shareViews.viewerEmail,
      viewerUserId: shareViews.viewerUserId,
      viewerExternalId: shareViews.viewerExternalId,
      viewerName: viewer.name,
      viewerAccountEmail: viewer.email,
      ip: sql<string | null>`host(${shareViews.ip})`,
      userAgent: shareViews.userAgent,
      format: shareViews.format,
      exportId: shareViews.exportId,
    })
    .from(shareViews)
    .leftJoin(viewer, eq(viewer.id, shareViews.viewerUserId))
    .where(and(eq(shareViews.grantId, grantId), beforeId !== undefined ? lt(shareViews.id, beforeId) : undefined))
    .orderBy(desc(shareViews.id))
    .limit(limit);
}

/** Retention: access-log rows older than the cutoff go (audit rows never do). */
export async function deleteViewsBefore(cutoff: Date): Promise<number> {
  const rows = await getDb().delete(shareViews).where(lt(shareViews.viewedAt, cutoff)).returning({ id: shareViews.id });
  return rows.length;
}

const creator = alias(users, "creator");

/** Grants (`ids`: a list, or a subquery) whose active creator asked to hear about views. */
function noticesDue(from: Pick<ReturnType<typeof getDb>, "select">, ids: readonly string[] | SQLWrapper) {
  return from
    .select({ grantId: sharingGrants.id, tenantId: sharingGrants.tenantId, notify: sharingGrants.notifyViews, principalType: sharingGrants.principalType, pocId: pocs.id, pocTitle: pocs.title, to: creator.email })
    .from(sharingGrants)
    .innerJoin(pocs, eq(pocs.id, sharingGrants.subjectId))
    .innerJoin(creator, eq(creator.id, sharingGrants.createdByUserId))
    .where(and(inArray(sharingGrants.id, ids), sql`${sharingGrants.notifyViews} <> 'off'`, eq(creator.active, true)));
}

export type NoticeDue = Awaited<ReturnType<typeof noticesDue>>[number];

/** The grants among these whose creator asked to hear about views (usually none). */
export function grantsToNotify(grantIds: string[]): Promise<NoticeDue[]> {
  return noticesDue(getDb(), grantIds);
}

/**
 * Writes a batch of access-log views and, in the same statement, finds the grants among them
 * that notify their creator: one round trip per batch instead of two. A view of a grant
 * deleted meanwhile fails the whole statement (foreign key); the caller falls back.
 */
export function insertViewsFindingNotices(rows: (typeof shareViews.$inferInsert & { grantId: string })[]): Promise<NoticeDue[]> {
  const db = getDb();
  const inserted = db.$with("inserted").as(db.insert(shareViews).values(rows).returning({ grantId: shareViews.grantId }));
  return noticesDue(db.with(inserted), db.select({ id: inserted.grantId }).from(inserted));
}

/**
 * Claims a grant's view notice in the caller's transaction: "first" gets one ever, "every"
 * at most one per hour. One upsert on grant_view_notices, so concurrent flushes (or several
 * instances) never send two.
 */
export async function claimViewNotice(tx: Executor, grantId: string, notify: "first" | "every"): Promise<boolean> {
  const won = await tx
    .insert(grantViewNotices)
    .values({ grantId, lastSentAt: sql`now()` })
    .onConflictDoUpdate({
      target: grantViewNotices.grantId,
      set: { lastSentAt: sql`now()` },
      setWhere: notify === "every" ? sql`${grantViewNotices.lastSentAt} <= now() - interval '1 hour'` : sql`false`,
    })
    .returning({ grantId: grantViewNotices.grantId });
  return won.length > 0;
}
