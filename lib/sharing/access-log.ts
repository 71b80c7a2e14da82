/**
 * The share access log (share_views), written in batches: a page view costs an array push,
 * and one multi-row INSERT carries every view of the last 100 ms (or 500 views, whichever
 * comes first), instead of a statement and a commit per view on the hottest page. The
 * watermark gate's entry (identifyViewer) does not come through here: it is written before
 * the viewer gets in. Pending views are flushed on shutdown (server.ts); a crash can lose at
 * most the last 100 ms of page views.
 *
 * The buffer lives on globalThis, like the database handle: the entry server's copy of this
 * module flushes what the Next.js bundle's copy collected.
 */
import { queueViewNotices } from "@/lib/activity/notices";
import { insertViewsFindingNotices, type NoticeDue } from "@/lib/activity/repo";
import { asBackgroundWork, isForeignKeyViolation } from "@/lib/db/repo";
import * as repo from "./repo";
import { logger } from "@/lib/log";

const FLUSH_AFTER_MS = 100;
const MAX_BATCH = 500;

type Pending = { rows: repo.NewShareView[]; timer: ReturnType<typeof setTimeout> | null };
const KEY = Symbol.for("poc-manager.share-access-log");
const store = globalThis as unknown as { [KEY]?: Pending };
const pending = (store[KEY] ??= { rows: [], timer: null });

/** Queues views for the next batch: one INSERT writes them, however many (a member's grants, say). */
export function logShareView(...entries: repo.NewShareView[]): void {
  if (entries.length === 0) return;
  pending.rows.push(...entries);
  if (pending.rows.length >= MAX_BATCH) void flushShareViews();
  else if (!pending.timer) {
    pending.timer = setTimeout(() => void flushShareViews(), FLUSH_AFTER_MS);
    pending.timer.unref();
  }
}

/** Writes every pending view now (the timer, a full batch, shutdown, tests). Never throws. */
export async function flushShareViews(): Promise<void> {
  if (pending.timer) clearTimeout(pending.timer);
  pending.timer = null;
  const rows = pending.rows.splice(0);
  if (rows.length === 0) return;
  await asBackgroundWork(() => writeBatch(rows));
}

async function writeBatch(rows: repo.NewShareView[]): Promise<void> {
  // The grants whose creators asked to hear about views (most did not) come back from the
  // batch's INSERT itself; undefined (looked up apart) after the fallback.
  let due: NoticeDue[] | undefined;
  try {
    due = await insertViewsFindingNotices(rows);
  } catch (error) {
    try {
      // A grant deleted since the view fails the batch: write the rest without it.
      if (!isForeignKeyViolation(error, "share_views_grant_id_sharing_grants_id_fk")) throw error;
      await repo.insertShareViews(rows);
    } catch (fallbackError) {
      logger.error({ err: fallbackError, views: rows.length }, "share access log: page views not written");
      return;
    }
  }
  try {
    await queueViewNotices(rows.map((r) => ({ grantId: r.grantId, viewerEmail: r.viewerEmail, viewedAt: r.viewedAt instanceof Date ? r.viewedAt : null })), due);
  } catch (error) {
    logger.error({ err: error }, "share view notices not queued");
  }
}
