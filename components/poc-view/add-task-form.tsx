"use client";

import { useState, useTransition, type FormEvent } from "react";
import { statusOptions, TASK_STATUS_LABELS, type TaskStatusValue } from "@/components/status-labels";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import type { ActionResult } from "@/lib/auth/page";
import type { NewTaskValues } from "./actions";

type Option = { id: string; name: string };

export function AddTaskForm({
  groups,
  assignees,
  action,
}: {
  groups: Option[];
  assignees: Option[];
  action: (input: NewTaskValues) => Promise<ActionResult<unknown>>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "");
    const values: NewTaskValues = {
      group_id: text("group_id"),
      title: text("title"),
      status: text("status") as TaskStatusValue,
      assignee_id: text("assignee_id") || null,
      due_date: text("due_date") || null,
    };
    startTransition(async () => {
      const result = await action(values);
      if (result.ok) {
        setError(null);
        setFieldErrors({});
        // Keep the chosen group, assignee and status for the next task; clear the rest.
        const title = form.elements.namedItem("title");
        const due = form.elements.namedItem("due_date");
        if (title instanceof HTMLInputElement) {
          title.value = "";
          title.focus();
        }
        if (due instanceof HTMLInputElement) due.value = "";
        return;
      }
      setError(result.message);
      setFieldErrors(result.fieldErrors);
    });
  }

  return (
    <form className="stack add-task-form" onSubmit={onSubmit} noValidate aria-labelledby="add-task-heading">
      <h3 id="add-task-heading" className="label-heading">
        New task
      </h3>
      <FormError message={error} />
      <div className="form-grid">
        <Field label="Task title" name="title" error={fieldErrors.title} className="span-2">
          {(control) => <input {...control} className="input" maxLength={300} required />}
        </Field>
        <Field label="Task group" name="group_id" error={fieldErrors.group_id}>
          {(control) => (
            // Re-mounted when the groups change, so a group just added is preselected.
            <select {...control} key={groups.map((g) => g.id).join()} className="input" defaultValue={groups[groups.length - 1]?.id}>
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
            <select {...control} className="input" defaultValue="">
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
          {(control) => <input {...control} className="input" type="date" />}
        </Field>
        <Field label="Task status" name="status" error={fieldErrors.status}>
          {(control) => (
            <select {...control} className="input" defaultValue="todo">
              {statusOptions(TASK_STATUS_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-actions">
        <PendingButton pending={pending}>Add task</PendingButton>
      </div>
    </form>
  );
}
