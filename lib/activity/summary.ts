/** Activity totals per grant (view count, unique viewers, last view), for lists of grants. */
import { EMPTY_ACTIVITY, type ActivitySummary } from "./schemas";
import * as repo from "./repo";

/** Loads the totals of these grants in one query; the result answers for any of them. */
export async function activityOf(grantIds: string[]): Promise<(grantId: string) => ActivitySummary> {
  const byGrant = new Map<string, ActivitySummary>();
  for (const r of await repo.summaries(grantIds)) {
    byGrant.set(r.grantId, { views: r.views, unique_viewers: r.uniqueViewers, last_viewed_at: r.lastViewedAt?.toISOString() ?? null, exports: r.exports });
  }
  return (grantId) => byGrant.get(grantId) ?? EMPTY_ACTIVITY;
}
