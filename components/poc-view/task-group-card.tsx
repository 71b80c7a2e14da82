"use client";

// A client component only so the RSC payload carries its data once instead of its element
// tree (the share page's size and render cost, bench route 2); it has no state of its own.
import { StatusBadge } from "@/components/ui/status-badge";
import type { ReadOnlyGroup, ReadOnlyTask } from "@/lib/pocs/view-model";
import { TaskAssigneeDueCells } from "./task-cells";
import { TaskGroupHeader } from "./task-group-header";

function TaskRow({ task }: { task: ReadOnlyTask }) {
  return (
    <tr>
      <th scope="row" className="task-title">
        {task.title}
      </th>
      <td data-label="Status">
        <StatusBadge kind="task" status={task.status} />
      </td>
      <TaskAssigneeDueCells task={task} />
    </tr>
  );
}

/** A task group, read-only (editors get components/poc-view/edit/task-board.tsx). */
export function TaskGroupCard({ group, index }: { group: ReadOnlyGroup; index: number }) {
  const headingId = `group-${group.id ?? index}`;
  return (
    <section className="card task-group" aria-labelledby={headingId}>
      <TaskGroupHeader
        headingId={headingId}
        name={group.name}
        taskCount={group.total}
        doneCount={group.done}
        renameAction={null}
        deleteAction={null}
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
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Status</th>
              <th scope="col">Assignee</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {group.tasks.map((task, i) => (
              <TaskRow key={i} task={task} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
