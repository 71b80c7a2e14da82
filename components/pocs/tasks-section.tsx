import type { PocDetail } from "@/lib/pocs/schemas";
import type { PocActions } from "./actions";
import { AddTaskForm } from "./add-task-form";
import { InlineForm } from "@/components/ui/inline-form";
import { TaskGroupCard } from "./task-group-card";

export function TasksSection({
  poc,
  canEdit,
  assignees,
  actions,
}: {
  poc: PocDetail;
  canEdit: boolean;
  assignees: { id: string; name: string }[];
  actions: PocActions;
}) {
  const groups = poc.task_groups;
  const taskCount = groups.reduce((n, g) => n + g.tasks.length, 0);
  const doneCount = groups.reduce((n, g) => n + g.tasks.filter((t) => t.status === "done").length, 0);
  return (
    <section className="section detail-tasks" aria-labelledby="tasks-heading">
      <div className="section-header">
        <h2 id="tasks-heading">Tasks</h2>
        {taskCount > 0 ? (
          <span className="muted small">
            {doneCount} of {taskCount} done
          </span>
        ) : null}
      </div>
      {groups.length === 0 ? (
        <p className="muted card empty-inline">{canEdit ? "No task groups yet. Add one below to start planning." : "No tasks yet."}</p>
      ) : (
        groups.map((group) => <TaskGroupCard key={group.id} pocId={poc.id} group={group} canEdit={canEdit} actions={actions} />)
      )}
      {canEdit ? (
        <div className="card add-panel">
          <InlineForm
            field="name"
            label="New group"
            placeholder="e.g. Setup, Validation"
            submitLabel="Add task group"
            maxLength={200}
            action={actions.addTaskGroup.bind(null, poc.id)}
          />
          {groups.length > 0 ? (
            <AddTaskForm groups={groups.map((g) => ({ id: g.id, name: g.name }))} assignees={assignees} action={actions.addTask.bind(null, poc.id)} />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
