"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import type { ShareFormState } from "@/lib/sharing/page";
import { GateCard } from "./gate-card";

type GateAction = (state: ShareFormState, form: FormData) => Promise<ShareFormState>;

/** The watermark gate: who is viewing (recorded in the access log, tiled over the page). */
export function EmailGate({ action }: { action: GateAction }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <GateCard
      title="Who is viewing?"
      text="The owner of this link asks viewers for their email address. It is shown on the page while you view it."
    >
      <form action={formAction} className="stack gate-form">
        <FormError message={state.message} />
        <Field label="Email address" name="email">
          {(control) => (
            <input {...control} type="email" className="input" autoComplete="email" required maxLength={254} autoFocus defaultValue={state.values?.email} />
          )}
        </Field>
        <PendingButton pending={pending}>Continue</PendingButton>
      </form>
    </GateCard>
  );
}
