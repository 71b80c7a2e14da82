import { formatDate } from "@/components/format";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "@/components/ui/status-badge";
import type { PocDetail } from "@/lib/pocs/schemas";

export function PocFacts({ poc }: { poc: PocDetail }) {
  return (
    <section className="card detail-facts" aria-labelledby="facts-heading">
      <h2 id="facts-heading" className="card-title">
        Details
      </h2>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge kind="poc" status={poc.status} />
          </dd>
        </div>
        <div>
          <dt>Customer</dt>
          <dd>{poc.customer || "—"}</dd>
        </div>
        <div>
          <dt>Start date</dt>
          <dd>{formatDate(poc.start_date)}</dd>
        </div>
        <div>
          <dt>End date</dt>
          <dd>{formatDate(poc.end_date)}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{poc.owner.name}</dd>
        </div>
        <div>
          <dt>Last updated</dt>
          <dd>
            <LocalTime value={poc.updated_at} />
          </dd>
        </div>
      </dl>
    </section>
  );
}
