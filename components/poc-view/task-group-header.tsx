"use client";

import { useEffect, useRef, useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { InlineForm } from "@/components/ui/inline-form";
import type { ActionResult } from "@/lib/auth/page";
import styles from "./task-group-header.module.css";

/** A task group's heading with Rename (inline form) and Delete (confirmed) for editors. */
export function TaskGroupHeader({
  headingId,
  name,
  taskCount,
  doneCount,
  renameAction,
  deleteAction,
}: {
  headingId: string;
  name: string;
  taskCount: number;
  doneCount: number;
  renameAction: ((input: { name: string }) => Promise<ActionResult<unknown>>) | null;
  deleteAction: (() => Promise<ActionResult<unknown>>) | null;
}) {
  const [renaming, setRenaming] = useState(false);
  const refocus = useRef(false);
  const renameButton = useRef<HTMLButtonElement>(null);

  // Back from the rename form: put focus on the Rename button again, not on the page body.
  useEffect(() => {
    if (!renaming && refocus.current) {
      refocus.current = false;
      renameButton.current?.focus();
    }
  }, [renaming]);

  const closeRename = () => {
    setRenaming(false);
    refocus.current = true;
  };

  if (renaming && renameAction) {
    return (
      <>
        <h3 id={headingId} className="visually-hidden">
          {name}
        </h3>
        <InlineForm
          field="name"
          label="Group name"
          submitLabel="Save"
          defaultValue={name}
          maxLength={200}
          autoFocus
          action={renameAction}
          onDone={closeRename}
          onCancel={closeRename}
        />
      </>
    );
  }

  return (
    <div className="task-group-header">
      <div className={styles.title}>
        <h3 id={headingId}>{name}</h3>
        {taskCount > 0 ? (
          <span className="muted small nowrap">
            {`${doneCount} of ${taskCount} done`}
          </span>
        ) : null}
      </div>
      {renameAction || deleteAction ? (
        <div className="row-actions">
          {renameAction ? (
            <button ref={renameButton} type="button" className="btn btn-ghost btn-sm" aria-label={`Rename group ${name}`} onClick={() => setRenaming(true)}>
              Rename
            </button>
          ) : null}
          {deleteAction ? (
            <ConfirmButton
              label="Delete"
              ariaLabel={`Delete group ${name}`}
              title="Delete this group?"
              description={
                <p>
                  The group <strong>{name}</strong>
                  {taskCount > 0 ? ` and its ${taskCount === 1 ? "task" : `${taskCount} tasks`}` : ""} will be deleted.
                </p>
              }
              onConfirm={deleteAction}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
