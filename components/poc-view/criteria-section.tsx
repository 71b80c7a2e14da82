import { InlineForm } from "@/components/ui/inline-form";
import type { PocView } from "@/lib/pocs/view-model";
import type { PocEditing } from "./capabilities";
import { CriteriaList } from "./edit/criteria-list";
import { CriteriaReadList } from "./criteria-read-list";

export function CriteriaSection({ view, edit }: { view: PocView; edit: PocEditing | null }) {
  const criteria = view.success_criteria;
  const { criteria_met, criteria_total } = view.progress;
  return (
    <section className="card detail-criteria" aria-labelledby="criteria-heading">
      <div className="section-header">
        <h2 id="criteria-heading" className="card-title">
          Success criteria
        </h2>
        {criteria_total > 0 ? (
          <span className="muted small">
            {`${criteria_met} of ${criteria_total} met`}
          </span>
        ) : null}
      </div>
      {criteria.length === 0 ? (
        <p className="muted">No success criteria yet.</p>
      ) : edit ? (
        <CriteriaList criteria={criteria} edit={edit} />
      ) : (
        <CriteriaReadList criteria={criteria} />
      )}
      {edit ? (
        <InlineForm
          className="add-criterion"
          field="description"
          label="New criterion"
          placeholder="e.g. p95 latency under 2 s"
          submitLabel="Add criterion"
          maxLength={1000}
          action={edit.actions.addCriterion.bind(null, edit.pocId)}
        />
      ) : null}
    </section>
  );
}
