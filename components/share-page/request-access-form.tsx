"use client";

import { useActionState, useEffect, useRef } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import type { RequestAccessState } from "@/lib/access-requests/form";
import styles from "./request-access-form.module.css";

type RequestAccessAction = (state: RequestAccessState, form: FormData) => Promise<RequestAccessState>;

/**
 * "Request access" under an expired or revoked link's message: who is asking and why. The
 * POC's owner and admins are emailed and see the request in the Share dialog.
 */
export function RequestAccessForm({ action }: { action: RequestAccessAction }) {
  const [state, formAction, pending] = useActionState(action, {});
  const done = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.sent) done.current?.focus();
  }, [state.sent]);

  if (state.sent) {
    return (
      <p ref={done} tabIndex={-1} className={`alert alert-success ${styles.sent}`} role="status">
        Request sent. The owner of this POC has been told and can give you access; you will get an email if they do.
      </p>
    );
  }
  const fields = state.fields ?? {};
  return (
    <form action={formAction} className={`stack ${styles.form}`} aria-labelledby="request-access-title">
      <h2 id="request-access-title" className={styles.title}>
        Request access
      </h2>
      <p className="muted small">Tell the owner who you are; they can share the POC with you again.</p>
      <FormError message={Object.keys(fields).length === 0 ? state.message : undefined} />
      <Field label="Your name" name="name" error={fields.name} required>
        {(control) => <input {...control} className="input" autoComplete="name" required maxLength={100} defaultValue={state.values?.name} />}
      </Field>
      <Field label="Your email" name="email" error={fields.email} required>
        {(control) => <input {...control} type="email" className="input" autoComplete="email" required maxLength={254} defaultValue={state.values?.email} />}
      </Field>
      <Field label="Message (optional)" name="message" error={fields.message}>
        {(control) => <textarea {...control} className="input" rows={3} maxLength={1000} defaultValue={state.values?.message} />}
      </Field>
      <div>
        <PendingButton pending={pending}>Request access</PendingButton>
      </div>
    </form>
  );
}
