import type { PocView } from "@/lib/pocs/view-model";

/** Description and objectives, as written (line breaks kept). */
export function PocOverview({ view }: { view: PocView }) {
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
