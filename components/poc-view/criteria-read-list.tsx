"use client";

// A client component only so the RSC payload carries its data once instead of its element
// tree (the share page's size and render cost, bench route 2); it has no state of its own.
import { StatusBadge } from "@/components/ui/status-badge";
import type { PocViewCriterion } from "@/lib/pocs/view-model";

/** Success criteria, read-only (editors get components/poc-view/edit/criteria-list.tsx). */
export function CriteriaReadList({ criteria }: { criteria: PocViewCriterion[] }) {
  return (
    <ul className="criteria-list">
      {criteria.map((c, i) => (
        <li key={c.id ?? i} className="criterion">
          <p className="criterion-text">{c.description}</p>
          <div className="criterion-controls">
            <StatusBadge kind="criterion" status={c.status} />
          </div>
        </li>
      ))}
    </ul>
  );
}
