import Link from "next/link";
import type { PocListItem } from "@/lib/pocs/schemas";
import { formatDateRange } from "@/components/format";
import { PocCards } from "./poc-card";

export function PocList({ pocs, canCreate, filtered }: { pocs: PocListItem[]; canCreate: boolean; filtered: boolean }) {
  if (pocs.length === 0 && filtered) {
    return (
      <div className="card empty-state">
        <h2>No POCs match</h2>
        <p className="muted">Try other words or fewer filters.</p>
        <Link href="/pocs" className="btn btn-secondary">
          Clear search and filters
        </Link>
      </div>
    );
  }
  if (pocs.length === 0) {
    return (
      <div className="card empty-state">
        <h2>No POCs yet</h2>
        {canCreate ? (
          <>
            <p className="muted">Create a POC to plan its tasks, agree on success criteria with the customer and keep the conversation in one place.</p>
            <Link href="/pocs/new" className="btn btn-primary">
              New POC
            </Link>
          </>
        ) : (
          <p className="muted">When a colleague shares a POC with you, it will appear here.</p>
        )}
      </div>
    );
  }
  return (
    <PocCards
      cards={pocs.map((poc) => ({
        id: poc.id,
        title: poc.title,
        customer: poc.customer,
        status: poc.status,
        progress: poc.progress,
        dates: formatDateRange(poc.start_date, poc.end_date),
        owner: poc.owner.name,
      }))}
    />
  );
}
