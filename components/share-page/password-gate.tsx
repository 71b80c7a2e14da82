"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import type { ShareFormState } from "@/lib/sharing/page";
import { GateCard } from "./gate-card";
import { RateLimited } from "./rate-limited";

type GateAction = (state: ShareFormState, form: FormData) => Promise<ShareFormState>;

/** The password gate: a plain form posting to a server action, so it works without script. */
export function PasswordGate({ action }: { action: GateAction }) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.retryAfterSeconds) return <RateLimited retryAfterSeconds={state.retryAfterSeconds} />;
  return (
    <GateCard title="This link is protected" text="Enter the password you were given to view this proof of concept.">
      <form action={formAction} className="stack gate-form">
        <FormError message={state.message} />
        <Field label="Password" name="password">
          {(control) => <input {...control} type="password" className="input" autoComplete="current-password" required maxLength={128} autoFocus />}
        </Field>
        <PendingButton pending={pending}>View</PendingButton>
      </form>
    </GateCard>
  );
}
