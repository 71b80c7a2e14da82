"use client";

import Link from "next/link";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { POC_STATUS_LABELS, statusOptions, type PocStatusValue } from "@/components/status-labels";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useLeaveGuard } from "./use-leave-guard";
import { PendingButton } from "@/components/ui/pending-button";
import type { ActionResult } from "@/lib/auth/page";

export type PocFormValues = {
  title: string;
  customer: string;
  status: PocStatusValue;
  start_date: string | null;
  end_date: string | null;
  description: string;
  objectives: string;
};

const EMPTY: PocFormValues = { title: "", customer: "", status: "draft", start_date: null, end_date: null, description: "", objectives: "" };

function valuesFrom(form: FormData): PocFormValues {
  const text = (name: string) => String(form.get(name) ?? "");
  const date = (name: string) => text(name) || null;
  return {
    title: text("title"),
    customer: text("customer"),
    status: text("status") as PocStatusValue,
    start_date: date("start_date"),
    end_date: date("end_date"),
    description: text("description"),
    objectives: text("objectives"),
  };
}

/**
 * The one form for creating and editing a POC. The server action validates with the shared
 * zod schema; its field errors are shown next to their fields. On success the action
 * redirects to the POC.
 */
export function PocForm({
  initial = EMPTY,
  action,
  cancelHref,
}: {
  initial?: PocFormValues;
  /** createPocAction, or updatePocAction bound to the POC's id. */
  action: (input: PocFormValues) => Promise<ActionResult<unknown>>;
  cancelHref: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  // Changed and not yet saved: leaving asks first (a save that redirects is not leaving).
  const [dirty, setDirty] = useState(false);
  useLeaveGuard(dirty && !pending);

  // After a failed save, take keyboard and screen-reader users to the first invalid field.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [fieldErrors]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const values = valuesFrom(new FormData(event.currentTarget));
    startTransition(async () => {
      const result = await action(values);
      if (result.ok) setDirty(false);
      else {
        setError(result.message);
        setFieldErrors(result.fieldErrors);
      }
    });
  }

  return (
    <form ref={formRef} className="card form-card stack" onSubmit={onSubmit} onChange={() => setDirty(true)} noValidate>
      <FormError message={error} />
      <Field label="Title" name="title" error={fieldErrors.title} required>
        {(control) => <input {...control} className="input" defaultValue={initial.title} maxLength={200} required />}
      </Field>
      <div className="form-row">
        <Field label="Customer" name="customer" error={fieldErrors.customer}>
          {(control) => <input {...control} className="input" defaultValue={initial.customer} maxLength={200} />}
        </Field>
        <Field label="Status" name="status" error={fieldErrors.status}>
          {(control) => (
            <select {...control} className="input" defaultValue={initial.status}>
              {statusOptions(POC_STATUS_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field label="Start date" name="start_date" error={fieldErrors.start_date}>
          {(control) => <input {...control} className="input" type="date" defaultValue={initial.start_date ?? ""} />}
        </Field>
        <Field label="End date" name="end_date" error={fieldErrors.end_date}>
          {(control) => <input {...control} className="input" type="date" defaultValue={initial.end_date ?? ""} />}
        </Field>
      </div>
      <Field label="Description" name="description" error={fieldErrors.description} hint="What is this POC about?">
        {(control) => <textarea {...control} className="input" rows={4} defaultValue={initial.description} maxLength={5000} />}
      </Field>
      <Field label="Objectives" name="objectives" error={fieldErrors.objectives} hint="What must the POC prove for the customer to buy?">
        {(control) => <textarea {...control} className="input" rows={4} defaultValue={initial.objectives} maxLength={5000} />}
      </Field>
      <div className="form-actions">
        <Link href={cancelHref} className="btn btn-secondary">
          Cancel
        </Link>
        <PendingButton pending={pending}>Save</PendingButton>
      </div>
    </form>
  );
}
