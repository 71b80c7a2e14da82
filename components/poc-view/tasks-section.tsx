import { InlineForm } from "@/components/ui/inline-form";
import { readOnlyGroup, type PocView } from "@/lib/pocs/view-model";
import { AddTaskForm } from "./add-task-form";
import type { PocEditing } from "./capabilities";
import { TaskBoard } from "./edit/task-board";
import { TaskGroupCard } from "./task-group-card";

export function TasksSection({ view, edit }: { view: PocView; edit: PocEditing | null }) {
  const groups = view.task_groups;
  const { tasks_done, tasks_total } = view.progress;
  return (
    <section className="section detail-tasks" aria-labelledby="tasks-heading">
      <div className="section-header">
        <h2 id="tasks-heading">Tasks</h2>
        {tasks_total > 0 ? (
          <span className="muted small">
            {`${tasks_done} of ${tasks_total} done`}
          </span>
        ) : null}
      </div>
      {groups.length === 0 ? (
        <p className="muted card empty-inline">{edit ? "No task groups yet. Add one below to start planning." : "No tasks yet."}</p>
      ) : edit ? (
        <TaskBoard groups={groups} edit={edit} />
      ) : (
        groups.map((group, i) => <TaskGroupCard key={group.id ?? i} index={i} group={readOnlyGroup(group)} />)
      )}
      {edit ? (
        <div className="card add-panel">
          <InlineForm
            field="name"
            label="New group"
            placeholder="e.g. Setup, Validation"
            submitLabel="Add task group"
            maxLength={200}
            action={edit.actions.addTaskGroup.bind(null, edit.pocId)}
          />
          {groups.length > 0 ? (
            <AddTaskForm
              groups={groups.flatMap((g) => (g.id ? [{ id: g.id, name: g.name }] : []))}
              assignees={edit.assignees}
              action={edit.actions.addTask.bind(null, edit.pocId)}
            />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
