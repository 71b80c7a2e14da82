import { statusOptions, TASK_STATUS_LABELS, type TaskStatusValue } from "@/components/status-labels";
import { Field } from "@/components/ui/field";

type Option = { id: string; name: string };

/**
 * A task's group, assignee, due date and status: the same four fields in the New task form and
 * in a task's inline editor (their names are the API's fields).
 */
export function TaskFields({
  groups,
  assignees,
  fieldErrors,
  initial,
  labels,
}: {
  groups: Option[];
  assignees: Option[];
  fieldErrors: Record<string, string>;
  initial: { group_id: string | undefined; assignee_id: string | null; due_date: string | null; status: TaskStatusValue };
  labels: { group: string; status: string };
}) {
  return (
    <>
      <Field label={labels.group} name="group_id" error={fieldErrors.group_id}>
        {(control) => (
          // Re-mounted when the groups change, so a group just added can be preselected.
          <select {...control} key={groups.map((g) => g.id).join()} className="input" defaultValue={initial.group_id}>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Assignee" name="assignee_id" error={fieldErrors.assignee_id}>
        {(control) => (
          <select {...control} className="input" defaultValue={initial.assignee_id ?? ""}>
            <option value="">Unassigned</option>
            {assignees.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Due date" name="due_date" error={fieldErrors.due_date}>
        {(control) => <input {...control} className="input" type="date" defaultValue={initial.due_date ?? ""} />}
      </Field>
      <Field label={labels.status} name="status" error={fieldErrors.status}>
        {(control) => (
          <select {...control} className="input" defaultValue={initial.status}>
            {statusOptions(TASK_STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
