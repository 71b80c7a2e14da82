import { formatDate } from "@/components/format";
import type { ReadOnlyTask } from "@/lib/pocs/view-model";

/** A task row's Assignee and Due cells: the same in the read-only rows and the editable board. */
export function TaskAssigneeDueCells({ task }: { task: ReadOnlyTask }) {
  return (
    <>
      <td data-label="Assignee">{task.assignee_name ?? <span className="muted">Unassigned</span>}</td>
      <td data-label="Due">
        {task.due_date ? <span className="nowrap">{formatDate(task.due_date)}</span> : <span className="muted">—</span>}
        {task.overdue ? <span className="tag tag-danger">Overdue</span> : null}
      </td>
    </>
  );
}
