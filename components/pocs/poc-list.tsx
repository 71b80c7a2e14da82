import Link from "next/link";
import type { PocSummary } from "@/lib/pocs/schemas";
import { PocCard } from "./poc-card";

export function PocList({ pocs, canCreate }: { pocs: PocSummary[]; canCreate: boolean }) {
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
    <ul className="poc-grid" aria-label="POCs">
      {pocs.map((poc) => (
        <PocCard key={poc.id} poc={poc} />
      ))}
    </ul>
  );
}
