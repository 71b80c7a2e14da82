import { formatDate } from "@/components/format";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { StatusBadge } from "@/components/ui/status-badge";
import type { TaskGroupJson, TaskJson } from "@/lib/pocs/schemas";
import type { PocActions } from "./actions";
import { StatusSelect } from "./status-select";
import { TaskGroupHeader } from "./task-group-header";

const today = () => new Date().toISOString().slice(0, 10);

function isOverdue(task: TaskJson): boolean {
  return task.status !== "done" && task.due_date !== null && task.due_date < today();
}

export function TaskGroupCard({ pocId, group, canEdit, actions }: { pocId: string; group: TaskGroupJson; canEdit: boolean; actions: PocActions }) {
  const headingId = `group-${group.id}`;
  return (
    <section className="card task-group" aria-labelledby={headingId}>
      <TaskGroupHeader
        headingId={headingId}
        name={group.name}
        taskCount={group.tasks.length}
        renameAction={canEdit ? actions.renameTaskGroup.bind(null, pocId, group.id) : null}
        deleteAction={canEdit ? actions.deleteTaskGroup.bind(null, pocId, group.id) : null}
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
            {canEdit ? <col className="col-actions" /> : null}
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Status</th>
              <th scope="col">Assignee</th>
              <th scope="col">Due</th>
              {canEdit ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {group.tasks.map((task) => (
              <tr key={task.id}>
                <th scope="row" className="task-title">
                  {task.title}
                </th>
                <td data-label="Status">
                  {canEdit ? (
                    <StatusSelect kind="task" value={task.status} subject={task.title} save={actions.updateTask.bind(null, pocId, task.id)} />
                  ) : (
                    <StatusBadge kind="task" status={task.status} />
                  )}
                </td>
                <td data-label="Assignee">{task.assignee ? task.assignee.name : <span className="muted">Unassigned</span>}</td>
                <td data-label="Due">
                  {task.due_date ? formatDate(task.due_date) : <span className="muted">—</span>}
                  {isOverdue(task) ? <span className="tag tag-danger">Overdue</span> : null}
                </td>
                {canEdit ? (
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
                      onConfirm={actions.deleteTask.bind(null, pocId, task.id)}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
