"use client";

import { LocalTime } from "@/components/ui/local-time";
import type { ActivitySummary } from "./api";
import styles from "./activity.module.css";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 views · 2 viewers · last viewed Dec 1, 2026, 5:02 PM" for a grant. */
export function ActivitySummaryLine({ activity, className }: { activity: ActivitySummary | undefined; className?: string }) {
  if (!activity) return null;
  return (
    <p className={`${styles.summary} ${className ?? ""}`} data-testid="activity-summary">
      <span>{plural(activity.views, "view", "views")}</span>
      <span aria-hidden="true"> · </span>
      <span>{plural(activity.unique_viewers, "unique viewer", "unique viewers")}</span>
      <span aria-hidden="true"> · </span>
      <span>{activity.last_viewed_at ? <>last viewed <LocalTime value={activity.last_viewed_at} /></> : "never viewed"}</span>
      {activity.exports > 0 ? (
        <>
          <span aria-hidden="true"> · </span>
          <span>{plural(activity.exports, "export", "exports")}</span>
        </>
      ) : null}
    </p>
  );
}
