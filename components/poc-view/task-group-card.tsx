import { formatDate } from "@/components/format";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { StatusBadge } from "@/components/ui/status-badge";
import type { PocViewGroup, PocViewTask } from "@/lib/pocs/view-model";
import type { PocEditing } from "./capabilities";
import { StatusSelect } from "./status-select";
import { TaskGroupHeader } from "./task-group-header";

function TaskRow({ task, edit }: { task: PocViewTask; edit: PocEditing | null }) {
  // Ids exist in the member's view, the only one with editing.
  const editable = edit && task.id ? { ...edit, taskId: task.id } : null;
  return (
    <tr>
      <th scope="row" className="task-title">
        {task.title}
      </th>
      <td data-label="Status">
        {editable ? (
          <StatusSelect kind="task" value={task.status} subject={task.title} save={editable.actions.updateTask.bind(null, editable.pocId, editable.taskId)} />
        ) : (
          <StatusBadge kind="task" status={task.status} />
        )}
      </td>
      <td data-label="Assignee">{task.assignee_name ?? <span className="muted">Unassigned</span>}</td>
      <td data-label="Due">
        {task.due_date ? <span className="nowrap">{formatDate(task.due_date)}</span> : <span className="muted">—</span>}
        {task.overdue ? <span className="tag tag-danger">Overdue</span> : null}
      </td>
      {editable ? (
        <td className="row-actions">
          <ConfirmButton
            label="Delete"
            ariaLabel={`Delete task ${task.title}`}
            title="Delete this task?"
            description={
              <p>
                The task <strong>{task.title}</strong> will be deleted.
              </p>
            }
            onConfirm={editable.actions.deleteTask.bind(null, editable.pocId, editable.taskId)}
          />
        </td>
      ) : null}
    </tr>
  );
}

export function TaskGroupCard({ group, index, edit }: { group: PocViewGroup; index: number; edit: PocEditing | null }) {
  const headingId = `group-${group.id ?? index}`;
  const editable = edit && group.id ? { ...edit, groupId: group.id } : null;
  return (
    <section className="card task-group" aria-labelledby={headingId}>
      <TaskGroupHeader
        headingId={headingId}
        name={group.name}
        taskCount={group.total}
        doneCount={group.done}
        renameAction={editable ? editable.actions.renameTaskGroup.bind(null, editable.pocId, editable.groupId) : null}
        deleteAction={editable ? editable.actions.deleteTaskGroup.bind(null, editable.pocId, editable.groupId) : null}
      />
      {group.tasks.length === 0 ? (
        <p className="muted small">No tasks in this group yet.</p>
      ) : (
        <table className="task-table" aria-labelledby={headingId}>
          <colgroup>
            <col />
            <col className="col-status" />
            <col className="col-assignee" />
            <col className="col-due" />
            {editable ? <col className="col-actions" /> : null}
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Status</th>
              <th scope="col">Assignee</th>
              <th scope="col">Due</th>
              {editable ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {group.tasks.map((task, i) => (
              <TaskRow key={task.id ?? i} task={task} edit={editable} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
