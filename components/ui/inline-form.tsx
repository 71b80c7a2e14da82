"use client";

import { useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/lib/auth/page";
import { Field } from "./field";
import { FormError } from "./form-error";
import { PendingButton } from "./pending-button";

/**
 * A small form with one text field and a submit button (add a group, rename it, add a
 * criterion...). The action gets `{ [field]: value }`; its field error shows under the input.
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
}) {
  const [value, setValue] = useState(defaultValue);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    startTransition(async () => {
      const result = await action({ [field]: value } as Record<F, string>);
      if (result.ok) {
        setValue("");
        setError(null);
        setFieldError(null);
        onDone?.();
        return;
      }
      const message = result.fieldErrors[field];
      setFieldError(message ?? null);
      setError(message ? null : result.message);
    });
  }

  return (
    <form
      className={`inline-form${className ? ` ${className}` : ""}`}
      onSubmit={onSubmit}
      onKeyDown={(event) => {
        if (event.key === "Escape" && onCancel) onCancel();
      }}
      noValidate
    >
      <FormError message={error} />
      <div className="inline-form-row">
        <Field label={label} name={field} error={fieldError ?? undefined} className="grow">
          {(control) => (
            <input
              {...control}
              className="input"
              value={value}
              onChange={(event) => setValue(event.target.value)}
              placeholder={placeholder}
              maxLength={maxLength}
              autoFocus={autoFocus}
              required
            />
          )}
        </Field>
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
    </form>
  );
}
