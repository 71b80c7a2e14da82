"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import type { ActionResult } from "@/lib/auth/page";

/** A new comment, or a reply when `parentId` is set. */
export function CommentForm({
  label,
  submitLabel,
  parentId = null,
  action,
  autoFocus,
  onDone,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  parentId?: string | null;
  action: (input: { body: string; parent_id: string | null }) => Promise<ActionResult<unknown>>;
  autoFocus?: boolean;
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    startTransition(async () => {
      const result = await action({ body, parent_id: parentId });
      if (result.ok) {
        setBody("");
        setError(null);
        setFieldError(null);
        onDone?.();
        return;
      }
      setFieldError(result.fieldErrors.body ?? null);
      setError(result.fieldErrors.body ? null : result.message);
    });
  }

  return (
    <form
      className="comment-form stack"
      onSubmit={onSubmit}
      noValidate
      onKeyDown={(event) => {
        if (event.key === "Escape" && onCancel) onCancel();
      }}
    >
      <FormError message={error} />
      <Field label={label} name="body" error={fieldError ?? undefined}>
        {(control) => (
          <textarea
            {...control}
            className="input"
            rows={parentId ? 2 : 3}
            maxLength={5000}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            autoFocus={autoFocus}
            required
          />
        )}
      </Field>
      <div className="form-actions">
        {onCancel ? (
          <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        ) : null}
        <PendingButton pending={pending}>{submitLabel}</PendingButton>
      </div>
    </form>
  );
}
