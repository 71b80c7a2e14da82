import type { PocDetail } from "@/lib/pocs/schemas";

/** Description and objectives, as written (line breaks kept). */
export function PocOverview({ poc }: { poc: PocDetail }) {
  return (
    <section className="card detail-overview" aria-labelledby="overview-heading">
      <h2 id="overview-heading" className="card-title">
        Overview
      </h2>
      <h3 className="label-heading">Description</h3>
      {poc.description ? <p className="prose">{poc.description}</p> : <p className="muted">No description yet.</p>}
      <h3 className="label-heading">Objectives</h3>
      {poc.objectives ? <p className="prose">{poc.objectives}</p> : <p className="muted">No objectives yet.</p>}
    </section>
  );
}
