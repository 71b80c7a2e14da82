"use client";

import { useState, useTransition, type FormEvent } from "react";
import type { TaskStatusValue } from "@/components/status-labels";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import type { ActionResult } from "@/lib/auth/page";
import type { NewTaskValues } from "./actions";
import { TaskFields } from "./task-fields";

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
        <TaskFields
          groups={groups}
          assignees={assignees}
          fieldErrors={fieldErrors}
          initial={{ group_id: groups[groups.length - 1]?.id, assignee_id: null, due_date: null, status: "todo" }}
          labels={{ group: "Task group", status: "Task status" }}
        />
      </div>
      <div className="form-actions">
        <PendingButton pending={pending}>Add task</PendingButton>
      </div>
    </form>
  );
}
