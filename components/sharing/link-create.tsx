"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TriangleAlert } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import { ActionsField } from "./actions-field";
import { createPublicLink, messageOf, ProblemError, sharingKeys, type GrantAction, type NewPublicLink } from "./api";
import { ExpiryField, expiryToApi, initialExpiry, type ExpiryValue } from "./expiry-field";
import { LINK_ACTIONS } from "./format";

export const SECURITY_WARNING = "Anyone with the link will have access without authentication.";

const KNOWN_FIELDS = ["actions", "password", "expires_at", "watermark"];

/**
 * A new public link, protected before it exists: actions, password, expiry and watermark are
 * chosen first, then the security warning is confirmed ("I understand") and the link created
 * with them in one request. There is never an open link waiting to be locked down.
 */
export function CreateLinkForm({ pocId, onCreated, onBusyChange }: { pocId: string; onCreated: () => void; onBusyChange: (busy: boolean, failed: boolean) => void }) {
  const queryClient = useQueryClient();
  const ids = useId();
  const [actions, setActions] = useState<GrantAction[]>(["view"]);
  const [password, setPassword] = useState("");
  const [expiry, setExpiry] = useState<ExpiryValue>(initialExpiry(false));
  const [watermark, setWatermark] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const [expiryError, setExpiryError] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (options: NewPublicLink) => createPublicLink(pocId, options),
    onMutate: () => onBusyChange(true, false),
    onSettled: (_data, error) => onBusyChange(false, error !== null),
    // Wait for the fresh list, so the section switches straight to the new link.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: sharingKeys.grants(pocId) });
      onCreated();
    },
    onError: async (error) => {
      // Someone else created one meanwhile: show it instead.
      if (error instanceof ProblemError && error.code === "share/link-exists") await queryClient.invalidateQueries({ queryKey: sharingKeys.grants(pocId) });
    },
  });
  const problem = create.error instanceof ProblemError ? create.error : null;
  const fieldError = (field: string) => problem?.fields[field];
  const formError = create.isError && !(problem && Object.keys(problem.fields).some((f) => KNOWN_FIELDS.includes(f))) ? messageOf(create.error) : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!understood || create.isPending) return;
    const expiresAt = expiryToApi(expiry);
    setExpiryError(expiresAt.ok ? null : expiresAt.message);
    create.reset();
    if (!expiresAt.ok) return;
    const options: NewPublicLink = { actions };
    if (password) options.password = password;
    if (expiresAt.value) options.expires_at = expiresAt.value;
    if (watermark) options.watermark = true;
    create.mutate(options);
  }

  const pending = create.isPending;
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="New public link">
      <ActionsField legend="What viewers can do" value={actions} onChange={setActions} available={LINK_ACTIONS} error={fieldError("actions")} disabled={pending} />
      <div className="grant-form-row">
        <Field label="Password (optional)" name="link_password" error={fieldError("password")} hint="At least 8 characters. Viewers enter it first; it is never shown again.">
          {(control) => (
            <input {...control} type="password" className="input" autoComplete="new-password" maxLength={128} value={password} onChange={(event) => setPassword(event.target.value)} disabled={pending} />
          )}
        </Field>
        <ExpiryField value={expiry} onChange={setExpiry} error={expiryError ?? fieldError("expires_at")} disabled={pending} name="new_link_expiry" label="Link expiry" />
      </div>
      <label className="share-check">
        <input type="checkbox" checked={watermark} onChange={(event) => setWatermark(event.target.checked)} disabled={pending} />
        <span>Watermark: viewers enter their email first, shown over the page</span>
      </label>
      <div className="alert alert-warning share-warning" role="note" aria-labelledby={`${ids}-title`}>
        <p id={`${ids}-title`} className="share-warning-title">
          <TriangleAlert size={16} aria-hidden="true" className="share-warning-icon" /> Security warning
        </p>
        <p>{SECURITY_WARNING}</p>
        <p className="small">They see this POC read-only, with the protections above. You can change them or delete the link at any time.</p>
      </div>
      <label className="share-check share-confirm">
        <input type="checkbox" checked={understood} onChange={(event) => setUnderstood(event.target.checked)} disabled={pending} />
        <span>I understand</span>
      </label>
      <FormError message={formError} />
      <div className="grant-form-footer">
        <p id={`${ids}-why`} className="muted small">
          {understood ? "" : "Confirm the warning to create the link."}
        </p>
        <PendingButton pending={pending} disabled={!understood} aria-describedby={understood ? undefined : `${ids}-why`}>
          Create link
        </PendingButton>
      </div>
    </form>
  );
}
