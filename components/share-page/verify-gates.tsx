"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import type { ShareFormState } from "@/lib/sharing/page";
import { GateCard } from "./gate-card";
import { RateLimited } from "./rate-limited";
import styles from "./verify-gates.module.css";

type GateAction = (state: ShareFormState, form: FormData) => Promise<ShareFormState>;

/** Verified links, step 1: the email the one-time code goes to. */
export function VerifyEmailGate({ action }: { action: GateAction }) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.retryAfterSeconds) return <RateLimited retryAfterSeconds={state.retryAfterSeconds} what="Too many codes were asked for from your network or for this address." />;
  return (
    <GateCard
      title="Verify your email"
      code="share/verification-required"
      text="The owner of this link asks viewers to prove their email address. We will email you a 6-digit code. The email has no link in it: you enter the code here."
    >
      <form action={formAction} className="stack gate-form" data-gate="verify-email">
        <FormError message={state.message} />
        <Field label="Email address" name="email">
          {(control) => <input {...control} type="email" className="input" autoComplete="email" required maxLength={254} autoFocus defaultValue={state.values?.email} />}
        </Field>
        <PendingButton pending={pending}>Send code</PendingButton>
      </form>
    </GateCard>
  );
}

/** Verified links, step 2: the code, with a way to get a new one or to use another address. */
export function VerifyCodeGate({ email, verify, resend, changeEmail }: { email: string; verify: GateAction; resend: GateAction; changeEmail: GateAction }) {
  const [state, verifyAction, pending] = useActionState(verify, {});
  const [resent, resendAction, resending] = useActionState(resend, {});
  const [, changeAction, changing] = useActionState(changeEmail, {});
  const limited = state.retryAfterSeconds ?? resent.retryAfterSeconds;
  if (limited) return <RateLimited retryAfterSeconds={limited} what="Too many codes were asked for or tried from your network." />;
  return (
    <GateCard
      title="Check your email"
      code="share/verification-required"
      text={
        <>
          We sent a 6-digit code to <strong>{email}</strong>. It works for 10 minutes, in this browser only.
        </>
      }
    >
      <form action={verifyAction} className="stack gate-form" data-gate="verify-code">
        <FormError message={state.message ?? resent.message} />
        <Field label="Verification code" name="code">
          {(control) => (
            <input {...control} className="input" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 -]{6,9}" required minLength={6} maxLength={9} autoFocus />
          )}
        </Field>
        <PendingButton pending={pending}>Verify</PendingButton>
      </form>
      <div className={styles.secondary}>
        <form action={resendAction}>
          <input type="hidden" name="email" value={email} />
          <PendingButton pending={resending} className="btn btn-secondary btn-sm">
            Send a new code
          </PendingButton>
        </form>
        <form action={changeAction}>
          <PendingButton pending={changing} className="btn btn-secondary btn-sm">
            Use a different email
          </PendingButton>
        </form>
      </div>
    </GateCard>
  );
}
