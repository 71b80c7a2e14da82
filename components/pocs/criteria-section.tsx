import { ConfirmButton } from "@/components/ui/confirm-button";
import { InlineForm } from "@/components/ui/inline-form";
import { StatusBadge } from "@/components/ui/status-badge";
import type { PocDetail } from "@/lib/pocs/schemas";
import type { PocActions } from "./actions";
import { StatusSelect } from "./status-select";

export function CriteriaSection({ poc, canEdit, actions }: { poc: PocDetail; canEdit: boolean; actions: PocActions }) {
  const criteria = poc.success_criteria;
  const met = criteria.filter((c) => c.status === "met").length;
  return (
    <section className="card detail-criteria" aria-labelledby="criteria-heading">
      <div className="section-header">
        <h2 id="criteria-heading" className="card-title">
          Success criteria
        </h2>
        {criteria.length > 0 ? (
          <span className="muted small">
            {met} of {criteria.length} met
          </span>
        ) : null}
      </div>
      {criteria.length === 0 ? (
        <p className="muted">No success criteria yet.</p>
      ) : (
        <ul className="criteria-list">
          {criteria.map((c) => (
            <li key={c.id} className="criterion">
              <p className="criterion-text">{c.description}</p>
              <div className="criterion-controls">
                {canEdit ? (
                  <>
                    <StatusSelect kind="criterion" value={c.status} subject={c.description} save={actions.updateCriterion.bind(null, poc.id, c.id)} />
                    <ConfirmButton
                      label="Delete"
                      ariaLabel={`Delete criterion ${c.description}`}
                      title="Delete this success criterion?"
                      description={
                        <p>
                          <strong>{c.description}</strong> will be deleted.
                        </p>
                      }
                      onConfirm={actions.deleteCriterion.bind(null, poc.id, c.id)}
                    />
                  </>
                ) : (
                  <StatusBadge kind="criterion" status={c.status} />
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <InlineForm
          className="add-criterion"
          field="description"
          label="New criterion"
          placeholder="e.g. p95 latency under 2 s"
          submitLabel="Add criterion"
          maxLength={1000}
          action={actions.addCriterion.bind(null, poc.id)}
        />
      ) : null}
    </section>
  );
}
