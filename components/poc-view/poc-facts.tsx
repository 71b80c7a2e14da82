"use client";

// A client component only so the RSC payload carries its data once instead of its element
// tree (the share page's size and render cost, bench route 2); it has no state of its own.
import { formatDate } from "@/components/format";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "@/components/ui/status-badge";
import type { PocView } from "@/lib/pocs/view-model";

/** The Details card; owner and last change only where the view carries them (members). */
export type PocFactsData = Pick<PocView, "status" | "customer" | "start_date" | "end_date" | "owner_name" | "updated_at">;

export function PocFacts({ view }: { view: PocFactsData }) {
  return (
    <section className="card detail-facts" aria-labelledby="facts-heading">
      <h2 id="facts-heading" className="card-title">
        Details
      </h2>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge kind="poc" status={view.status} />
          </dd>
        </div>
        <div>
          <dt>Customer</dt>
          <dd>{view.customer || "—"}</dd>
        </div>
        <div>
          <dt>Start date</dt>
          <dd className="nowrap">{formatDate(view.start_date)}</dd>
        </div>
        <div>
          <dt>End date</dt>
          <dd className="nowrap">{formatDate(view.end_date)}</dd>
        </div>
        {view.owner_name ? (
          <div>
            <dt>Owner</dt>
            <dd>{view.owner_name}</dd>
          </div>
        ) : null}
        {view.updated_at ? (
          <div>
            <dt>Last updated</dt>
            <dd>
              <LocalTime value={view.updated_at} />
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
