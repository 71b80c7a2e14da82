"use client";

import { useState, useTransition, type FormEvent } from "react";
import type { TaskStatusValue } from "@/components/status-labels";
import { Field } from "@/components/ui/field";
import { PendingButton } from "@/components/ui/pending-button";
import type { ActionResult } from "@/lib/auth/page";
import type { PocViewTask } from "@/lib/pocs/view-model";
import type { TaskChanges } from "../actions";
import { TaskFields } from "../task-fields";
import { SaveFailure, trySave } from "@/components/ui/save-failure";
import styles from "./edit.module.css";

type Option = { id: string; name: string };

/** Only what the editor changed, so a save never rewrites a field someone else just changed. */
function changesOf(task: PocViewTask, groupId: string, data: FormData): TaskChanges {
  const text = (name: string) => String(data.get(name) ?? "");
  const next = {
    title: text("title"),
    status: text("status") as TaskStatusValue,
    assignee_id: text("assignee_id") || null,
    due_date: text("due_date") || null,
    group_id: text("group_id"),
  };
  const changes: TaskChanges = {};
  if (next.title !== task.title) changes.title = next.title;
  if (next.status !== task.status) changes.status = next.status;
  if (next.assignee_id !== (task.assignee_id ?? null)) changes.assignee_id = next.assignee_id;
  if (next.due_date !== task.due_date) changes.due_date = next.due_date;
  if (next.group_id !== groupId) changes.group_id = next.group_id;
  return changes;
}

/** The inline editor a task's row turns into when its title is clicked. Escape or Cancel closes it. */
export function TaskEditor({
  task,
  groupId,
  groups,
  assignees,
  save,
  onClose,
}: {
  task: PocViewTask;
  groupId: string;
  groups: Option[];
  assignees: Option[];
  save: (changes: TaskChanges) => Promise<ActionResult<unknown>>;
  onClose: () => void;
}) {
  const [failure, setFailure] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const [form, setForm] = useState<HTMLFormElement | null>(null);

  function submit(target: HTMLFormElement) {
    const changes = changesOf(task, groupId, new FormData(target));
    if (Object.keys(changes).length === 0) return onClose();
    setFailure(null);
    startTransition(async () => {
      const result = await trySave(() => save(changes));
      if (result.ok) return onClose();
      setFieldErrors(result.fieldErrors);
      setFailure(Object.keys(result.fieldErrors).length ? null : `Not saved: ${result.message}`);
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!pending) submit(event.currentTarget);
  }

  return (
    <form
      ref={setForm}
      className={`stack ${styles.editor}`}
      onSubmit={onSubmit}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !pending) onClose();
      }}
      noValidate
      aria-label={`Edit task ${task.title}`}
    >
      {failure ? <SaveFailure message={failure} pending={pending} onRetry={() => form && submit(form)} /> : null}
      <div className="form-grid">
        <Field label="Title" name="title" error={fieldErrors.title} className="span-2">
          {(control) => <input {...control} className="input" defaultValue={task.title} maxLength={300} required autoFocus />}
        </Field>
        <TaskFields
          groups={groups}
          assignees={assignees}
          fieldErrors={fieldErrors}
          initial={{ group_id: groupId, assignee_id: task.assignee_id ?? null, due_date: task.due_date, status: task.status }}
          labels={{ group: "Group", status: "Status" }}
        />
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-secondary" onClick={onClose} disabled={pending}>
          Cancel
        </button>
        <PendingButton pending={pending}>Save task</PendingButton>
      </div>
    </form>
  );
}
