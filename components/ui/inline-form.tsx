"use client";

import { useId, useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/lib/auth/page";
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
  const id = useId();
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
        <div className="field grow">
          <label htmlFor={id} className="field-label">
            {label}
          </label>
          <input
            id={id}
            name={field}
            className="input"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            placeholder={placeholder}
            maxLength={maxLength}
            autoFocus={autoFocus}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${id}-error` : undefined}
            required
          />
          {fieldError ? (
            <p id={`${id}-error`} className="field-error">
              {fieldError}
            </p>
          ) : null}
        </div>
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
