"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import type { ActionResult } from "@/lib/auth/page";
import styles from "./account.module.css";

type Input = { current_password: string; new_password: string };

/** Current and new password; on success the form clears and says how many sessions ended. */
export function ChangePasswordForm({ action }: { action: (input: Input) => Promise<ActionResult<{ endedSessions: number }>> }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const input = { current_password: String(data.get("current_password") ?? ""), new_password: String(data.get("new_password") ?? "") };
    setError(null);
    setDone(null);
    startTransition(async () => {
      const result = await action(input);
      if (result.ok) {
        form.reset();
        setFieldErrors({});
        const n = result.data.endedSessions;
        setDone(`Password changed.${n > 0 ? ` ${n} other session${n === 1 ? "" : "s"} signed out.` : ""}`);
      } else {
        setFieldErrors(result.fieldErrors);
        setError(Object.keys(result.fieldErrors).length > 0 ? null : result.message);
      }
    });
  }

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      <FormError message={error} />
      {done ? (
        <div className="alert alert-success" role="status">
          {done}
        </div>
      ) : null}
      <Field label="Current password" name="current_password" error={fieldErrors.current_password} required>
        {(control) => <input {...control} className="input" type="password" autoComplete="current-password" required />}
      </Field>
      <Field label="New password" name="new_password" error={fieldErrors.new_password} hint="At least 10 characters." required>
        {(control) => <input {...control} className="input" type="password" autoComplete="new-password" minLength={10} maxLength={128} required />}
      </Field>
      <div>
        <PendingButton pending={pending}>Change password</PendingButton>
      </div>
    </form>
  );
}
