"use client";

import { useState, useTransition, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import type { ActionResult } from "@/lib/auth/page";
import { Field } from "./field";
import { PendingButton } from "./pending-button";
import { SaveFailure, trySave } from "./save-failure";

/** Multiline: Enter starts a new line, Ctrl+Enter (Cmd+Enter on a Mac) submits. */
function submitOnCtrlEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
  if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
  event.preventDefault();
  event.currentTarget.form?.requestSubmit();
}

/**
 * A small form with one text field and a submit button (add a group, rename it, add a
 * criterion, post a comment...). The action gets `{ [field]: value }`; its field error shows
 * under the input. `multiline` makes the field a textarea with the buttons below it; `children`
 * are more controls under the field (the caller holds their state).
 */
export function InlineForm<F extends string>({
  field,
  label,
  submitLabel,
  action,
  defaultValue = "",
  placeholder,
  maxLength,
  autoFocus,
  onDone,
  onCancel,
  className,
  resetOnDone = true,
  doneMessage,
  autoComplete,
  multiline,
  children,
}: {
  field: F;
  label: string;
  submitLabel: string;
  action: (input: Record<F, string>) => Promise<ActionResult<unknown>>;
  defaultValue?: string;
  placeholder?: string;
  maxLength?: number;
  autoFocus?: boolean;
  onDone?: () => void;
  onCancel?: () => void;
  className?: string;
  /** Empty the field after a save (adding things); false keeps the saved value (a name). */
  resetOnDone?: boolean;
  /** Said (role=status) after a save, until the next edit. */
  doneMessage?: string;
  autoComplete?: string;
  multiline?: { rows: number };
  children?: ReactNode;
}) {
  const [value, setValue] = useState(defaultValue);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();

  function submit() {
    startTransition(async () => {
      const result = await trySave(() => action({ [field]: value } as Record<F, string>));
      if (result.ok) {
        if (resetOnDone) setValue("");
        setDone(true);
        setError(null);
        setFieldError(null);
        onDone?.();
        return;
      }
      const message = result.fieldErrors[field];
      setFieldError(message ?? null);
      setError(message ? null : `Not saved: ${result.message}`);
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!pending) submit();
  }

  return (
    <form
      className={`inline-form${multiline ? " inline-form-multiline" : ""}${className ? ` ${className}` : ""}`}
      onSubmit={onSubmit}
      onKeyDown={(event) => {
        if (event.key === "Escape" && onCancel) onCancel();
      }}
      noValidate
    >
      {error ? <SaveFailure message={error} onRetry={submit} pending={pending} /> : null}
      <div className="inline-form-row">
        <Field
          label={label}
          name={field}
          error={fieldError ?? undefined}
          className="grow"
          hint={multiline ? "Enter starts a new line; Ctrl+Enter (⌘+Enter on a Mac) sends." : undefined}
        >
          {(control) => {
            const props = {
              ...control,
              className: "input",
              value,
              onChange: (event: { target: { value: string } }) => {
                setValue(event.target.value);
                setDone(false);
              },
              placeholder,
              maxLength,
              autoFocus,
              required: true,
            };
            return multiline ? (
              <textarea {...props} rows={multiline.rows} onKeyDown={submitOnCtrlEnter} aria-keyshortcuts="Control+Enter Meta+Enter" />
            ) : (
              <input {...props} autoComplete={autoComplete} />
            );
          }}
        </Field>
        {children}
        <div className="inline-form-buttons">
          <PendingButton pending={pending} className="btn btn-primary">
            {submitLabel}
          </PendingButton>
          {onCancel ? (
            <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={pending}>
              Cancel
            </button>
          ) : null}
        </div>
      </div>
      {doneMessage ? (
        <p className="save-status small" role="status">
          {done ? doneMessage : ""}
        </p>
      ) : null}
    </form>
  );
}
