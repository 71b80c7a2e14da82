import Link from "next/link";
import { formatDateRange } from "@/components/format";
import { StatusBadge } from "@/components/ui/status-badge";
import type { PocListItem } from "@/lib/pocs/schemas";
import { PocProgress } from "./poc-progress";

export function PocCard({ poc }: { poc: PocListItem }) {
  return (
    <li className="card poc-card">
      <div className="poc-card-top">
        <h2 className="poc-card-title">
          <Link href={`/pocs/${poc.id}`} className="stretched-link">
            {poc.title}
          </Link>
        </h2>
        <StatusBadge kind="poc" status={poc.status} />
      </div>
      <p className="poc-card-customer">{poc.customer || <span className="muted">No customer yet</span>}</p>
      <dl className="meta-list">
        <div>
          <dt>Dates</dt>
          <dd>{formatDateRange(poc.start_date, poc.end_date)}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{poc.owner.name}</dd>
        </div>
      </dl>
      <PocProgress progress={poc.progress} />
    </li>
  );
}
