"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { LocalTime } from "@/components/ui/local-time";
import { PendingButton } from "@/components/ui/pending-button";
import { messageOf } from "@/components/sharing/api";
import { activityKeys, fetchViews, type ViewJson } from "./api";
import { ActivitySummaryLine } from "./activity-summary";
import { ViewNoticeSetting, type NotifyViews } from "./view-notice-setting";
import styles from "./activity.module.css";

const WHAT: Record<ViewJson["kind"], string> = { view: "Viewed the POC", gate: "Gave their email at the watermark gate", export: "Exported" };

function viewerOf(v: ViewJson): string {
  if (v.viewer.kind === "user") return v.viewer.name ? `${v.viewer.name} (${v.viewer.email ?? "signed in"})` : (v.viewer.email ?? "A signed-in user");
  if (v.viewer.kind === "embed") return v.viewer.email ?? "Embed viewer";
  return v.viewer.email ?? "Anonymous";
}

function whatOf(v: ViewJson): string {
  if (v.kind !== "export") return WHAT[v.kind];
  return [`Exported${v.format ? ` ${v.format.toUpperCase()}` : ""}`, v.export_id ? `(export ${v.export_id})` : null].filter(Boolean).join(" ");
}

/**
 * A grant's activity, self-contained: totals, the access log (newest first, 10 at a time) and
 * the creator's view-notice setting. Give it a grant id; it loads everything itself, so any
 * dialog can host it.
 */
export function ActivityPanel({ grantId, label, notify }: { grantId: string; label: string; notify?: NotifyViews }) {
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <section className={styles.panel} aria-labelledby={headingId}>
      <div className={styles.head}>
        <h3 id={headingId} className={styles.title}>
          Activity
        </h3>
        <button type="button" className="btn btn-ghost btn-sm" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
          {open ? "Hide views" : "Show views"}
        </button>
      </div>
      <ActivityBody grantId={grantId} label={label} open={open} panelId={panelId} />
      {notify ? <ViewNoticeSetting grantId={grantId} current={notify} /> : null}
    </section>
  );
}

function ActivityBody({ grantId, label, open, panelId }: { grantId: string; label: string; open: boolean; panelId: string }) {
  const views = useInfiniteQuery({
    queryKey: activityKeys.views(grantId),
    queryFn: ({ pageParam }) => fetchViews(grantId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
    staleTime: 0,
  });
  const summary = views.data?.pages[0]?.summary;
  const rows = views.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      {views.isPending ? (
        <p className="muted small" role="status">
          Loading activity…
        </p>
      ) : views.isError ? (
        <div className="stack">
          <FormError message={messageOf(views.error)} />
          <div>
            <button type="button" className="btn btn-secondary btn-sm" onClick={() => views.refetch()}>
              Try again
            </button>
          </div>
        </div>
      ) : (
        <ActivitySummaryLine activity={summary} />
      )}
      <div id={panelId} hidden={!open}>
        {views.isSuccess && rows.length === 0 ? <p className="muted small">Nobody has opened it yet.</p> : null}
        {rows.length > 0 ? (
          <div className={`table-scroll ${styles.scroll}`}>
            <table className={`data-table ${styles.table}`} aria-label={`Views of ${label}`}>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Viewer</th>
                  <th scope="col">What</th>
                  <th scope="col">IP</th>
                  <th scope="col">Browser</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((v) => (
                  <tr key={v.id}>
                    <td className={styles.nowrap}>
                      <LocalTime value={v.at} />
                    </td>
                    <td className={styles.viewer}>{viewerOf(v)}</td>
                    <td>{whatOf(v)}</td>
                    <td className={styles.mono}>{v.ip ?? "—"}</td>
                    <td title={v.user_agent ?? undefined}>{v.browser ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {views.hasNextPage ? (
          <PendingButton type="button" className="btn btn-secondary btn-sm" pending={views.isFetchingNextPage} onClick={() => views.fetchNextPage()}>
            Show older views
          </PendingButton>
        ) : null}
      </div>
    </>
  );
}
