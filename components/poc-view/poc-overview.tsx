"use client";

// A client component only so the RSC payload carries its data once instead of its element
// tree (the share page's size and render cost, bench route 2); it has no state of its own.
import type { PocView } from "@/lib/pocs/view-model";

/** Description and objectives, as written (line breaks kept). */
export function PocOverview({ view }: { view: Pick<PocView, "description" | "objectives"> }) {
  return (
    <section className="card detail-overview" aria-labelledby="overview-heading">
      <h2 id="overview-heading" className="card-title">
        Overview
      </h2>
      <h3 className="label-heading">Description</h3>
      {view.description ? <p className="prose">{view.description}</p> : <p className="muted">No description yet.</p>}
      <h3 className="label-heading">Objectives</h3>
      {view.objectives ? <p className="prose">{view.objectives}</p> : <p className="muted">No objectives yet.</p>}
    </section>
  );
}
