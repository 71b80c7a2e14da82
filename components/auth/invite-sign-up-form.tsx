"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import type { ActionResult } from "@/lib/auth/page";
import type { InviteKind } from "@/lib/invites/service";

type SignUp = (input: { name: string; password: string }) => Promise<ActionResult<{ email: string; pocId: string | null; kind: InviteKind }>>;

/**
 * Sign-up through an invitation: the server action creates the account (the invited email is
 * fixed), or sets the first password of a provisioned one (`setup`), then the browser signs in
 * with the new password and opens the shared POC, or the POC list of the member's organisation.
 */
export function InviteSignUpForm({
  email,
  pocId,
  signInHref,
  action,
  setup = null,
}: {
  email: string;
  pocId: string | null;
  signInHref: string;
  action: SignUp;
  /** Account setup: the name the account already has (the person may correct it). */
  setup?: { name: string } | null;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [accountExists, setAccountExists] = useState(false);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "");
    const password = String(form.get("password") ?? "");
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      let result: Awaited<ReturnType<SignUp>>;
      try {
        result = await action({ name, password });
      } catch {
        setError("Could not reach the server. Check your connection and try again.");
        return;
      }
      if (!result.ok) {
        if (result.code === "resource/conflict") setAccountExists(true);
        setFieldErrors(result.fieldErrors);
        setError(result.message);
        return;
      }
      const target = result.data.pocId ?? pocId;
      try {
        const signedIn = await signIn("credentials", { email: result.data.email, password, redirect: false });
        if (signedIn?.ok && !signedIn.error) {
          router.replace(target ? `/pocs/${target}` : result.data.kind === "grant" ? "/shared" : "/pocs");
          router.refresh();
          return;
        }
      } catch {
        // Fall through: the account exists, the visitor can sign in by hand.
      }
      setError(`${setup ? "Your password was set" : "Your account was created"}, but we could not sign you in automatically. Sign in with your new password.`);
      setAccountExists(true);
    });
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <FormError message={error} />
      {accountExists ? (
        <Link href={signInHref} className="btn btn-primary btn-block">
          Sign in to continue
        </Link>
      ) : null}
      <Field label="Email" name="email" hint={setup ? "The address your organisation provisioned." : "The address this invitation was sent to."}>
        {(control) => <input {...control} className="input" type="email" value={email} readOnly autoComplete="username" />}
      </Field>
      <Field label="Your name" name="name" error={fieldErrors.name}>
        {(control) => <input {...control} className="input" autoComplete="name" maxLength={100} required autoFocus defaultValue={setup?.name} />}
      </Field>
      <Field label="Choose a password" name="password" error={fieldErrors.password} hint="At least 10 characters.">
        {(control) => <input {...control} className="input" type="password" autoComplete="new-password" minLength={10} maxLength={128} required />}
      </Field>
      <PendingButton pending={pending} className="btn btn-primary btn-block" disabled={accountExists}>
        {setup ? "Set password" : "Create account"}
      </PendingButton>
    </form>
  );
}
