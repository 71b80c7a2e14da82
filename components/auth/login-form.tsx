"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import { loginErrorMessage } from "./messages";

export function LoginForm({ redirectTo, initialError = null }: { redirectTo: string; initialError?: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    setError(null);
    startTransition(async () => {
      try {
        const result = await signIn("credentials", { email, password, redirect: false });
        if (result?.ok && !result.error) {
          router.replace(redirectTo);
          router.refresh();
          return;
        }
        // One message for unknown emails and wrong passwords alike: it must not reveal which.
        setError(loginErrorMessage(result?.error ?? (result?.status === 401 ? "CredentialsSignin" : "unknown")));
      } catch {
        setError("Could not reach the server. Check your connection and try again.");
      }
    });
  }

  return (
    <form className="stack" onSubmit={onSubmit}>
      <FormError message={error} />
      <Field label="Email" name="email">
        {(control) => <input {...control} className="input" type="email" autoComplete="username" required autoFocus />}
      </Field>
      <Field label="Password" name="password">
        {(control) => <input {...control} className="input" type="password" autoComplete="current-password" required />}
      </Field>
      <PendingButton pending={pending} className="btn btn-primary btn-block">
        Sign in
      </PendingButton>
    </form>
  );
}
