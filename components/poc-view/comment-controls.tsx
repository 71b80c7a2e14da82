"use client";

import { useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { ActionResult } from "@/lib/auth/page";
import { CommentForm } from "./comment-form";

/**
 * Edit (the author) and Delete (the author, or the POC's owner and tenant admins) under a
 * comment. Editing swaps the text for a form in place; deleting asks first.
 */
export function CommentControls({
  authorName,
  body,
  edit,
  remove,
  moderating,
}: {
  authorName: string;
  body: string;
  edit: ((input: { body: string }) => Promise<ActionResult<unknown>>) | null;
  remove: (() => Promise<ActionResult<unknown>>) | null;
  /** Deleting someone else's comment: the dialog says so. */
  moderating: boolean;
}) {
  const [editing, setEditing] = useState(false);
  if (editing && edit) {
    return (
      <CommentForm
        label="Edit your comment"
        submitLabel="Save"
        initialBody={body}
        action={(input) => edit({ body: input.body })}
        autoFocus
        onDone={() => setEditing(false)}
        onCancel={() => setEditing(false)}
      />
    );
  }
  return (
    <div className="comment-controls">
      {edit ? (
        <button type="button" className="btn btn-link btn-sm" onClick={() => setEditing(true)} aria-label={`Edit your comment`}>
          Edit
        </button>
      ) : null}
      {remove ? (
        <ConfirmButton
          label="Delete"
          ariaLabel={moderating ? `Delete ${authorName}'s comment` : "Delete your comment"}
          className="btn btn-link btn-sm"
          title={moderating ? `Delete ${authorName}'s comment?` : "Delete your comment?"}
          description={
            moderating
              ? "Its text is removed for everyone, on share links too; replies stay under a “Comment removed” note. The deletion is written to the audit log."
              : "Its text is removed for everyone; replies stay under a “Comment removed” note."
          }
          onConfirm={remove}
        />
      ) : null}
    </div>
  );
}
