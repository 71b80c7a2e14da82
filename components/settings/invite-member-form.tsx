"use client";

import { useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/lib/auth/page";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import { invitationText, type EmailDelivery } from "@/components/sharing/share-copy";
import { ROLE_LABELS, type RoleValue } from "./roles";
import { RoleOptions } from "./role-options";

type Invite = (input: { email: string; role: RoleValue }) => Promise<ActionResult<{ email: string; role: RoleValue }>>;

/**
 * Settings → Members: invite someone by email with a role. The invitation is emailed (or waits in
 * Settings → Outbox without SMTP, and the copy says so); the new person appears under "Pending
 * invitations" until they accept.
 */
export function InviteMemberForm({ invite, emailDelivery }: { invite: Invite; emailDelivery: EmailDelivery }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<RoleValue>("member");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setError(null);
    setFieldErrors({});
    setSent(null);
    startTransition(async () => {
      const result = await invite({ email, role }).catch(() => ({ ok: false as const, message: "Could not reach the server. Try again.", fieldErrors: {} }));
      if (!result.ok) {
        setFieldErrors(result.fieldErrors);
        // A field error says it beside the field; the alert says the rest.
        setError(Object.keys(result.fieldErrors).length > 0 ? null : result.message);
        return;
      }
      setEmail("");
      setSent(invitationText(`${result.data.email} as ${ROLE_LABELS[result.data.role]}`, emailDelivery));
    });
  }

  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading" className="card-title">
        Invite a member
      </h2>
      <form className="inline-form" onSubmit={onSubmit} noValidate aria-labelledby="invite-heading">
        <FormError message={error} />
        <div className="inline-form-row">
          <Field label="Email" name="email" error={fieldErrors.email} className="grow">
            {(control) => (
              <input
                {...control}
                type="email"
                className="input"
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                autoComplete="off"
                placeholder="name@example.com"
                maxLength={254}
                required
              />
            )}
          </Field>
          <Field label="Role" name="role" error={fieldErrors.role}>
            {(control) => (
              <select {...control} className="input" value={role} onChange={(event) => setRole(event.target.value as RoleValue)}>
                <RoleOptions />
              </select>
            )}
          </Field>
          <div className="inline-form-buttons">
            <PendingButton pending={pending} className="btn btn-primary">
              Send invitation
            </PendingButton>
          </div>
        </div>
        <p className="save-status small" role="status">
          {sent ?? ""}
        </p>
      </form>
    </section>
  );
}
