"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { PendingButton } from "@/components/ui/pending-button";
import { ActionsField } from "./actions-field";
import { createGrant, messageOf, newIdempotencyKey, ProblemError, sharingKeys, type GrantAction, type GrantJson, type NewGrant } from "./api";
import { expiryToApi, type ExpiryValue } from "./expiry-field";
import { GrantOptionsRow } from "./grant-options-row";
import type { MemberOption } from "./grant-form";
import { RecipientsField } from "./recipients-field";
import { looksLikeEmail, sharedSummary, type EmailDelivery } from "./share-copy";
import { initialShareExpiry } from "./share-limit";

/** A recipient the last submit could not share with, and the key its retry sends again. */
type Failure = { email: string; message: string; key: string; retryable: boolean };

export type BusyChange = (busy: boolean, failed: boolean) => void;

/**
 * Share with people: several emails (or members picked by name) at once, the actions, an
 * expiry (a re-sharer's own by default), a watermark and one optional note for their email.
 * Each person is one grant; a failure stays listed with an inline retry that sends the same
 * Idempotency-Key, so a request that did reach the server is never applied twice.
 */
export function PeopleForm({
  pocId,
  availableActions,
  members,
  ownExpiresAt,
  emailDelivery,
  onBusyChange,
}: {
  pocId: string;
  availableActions: readonly GrantAction[];
  members: MemberOption[];
  ownExpiresAt: string | null;
  emailDelivery: EmailDelivery;
  onBusyChange: BusyChange;
}) {
  const queryClient = useQueryClient();
  const [recipients, setRecipients] = useState<string[]>([]);
  const [draft, setDraft] = useState("");
  const [actions, setActions] = useState<GrantAction[]>(["view"]);
  const [expiry, setExpiry] = useState<ExpiryValue>(() => initialShareExpiry(ownExpiresAt));
  const [watermark, setWatermark] = useState(false);
  const [message, setMessage] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failures, setFailures] = useState<Failure[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const input = useRef<HTMLDivElement>(null);

  // Ready for the next one: the controls were disabled (and lost focus) while sharing.
  const [sharedCount, setSharedCount] = useState(0);
  useEffect(() => {
    if (sharedCount > 0) input.current?.querySelector<HTMLElement>("[role=combobox]")?.focus();
  }, [sharedCount]);

  async function send(targets: { email: string; key: string }[], grantBase: Omit<NewGrant, "email">) {
    setPending(true);
    onBusyChange(true, false);
    const results = await Promise.all(
      targets.map(async ({ email, key }) => {
        try {
          return { email, key, grant: await createGrant(pocId, { ...grantBase, email }, key) };
        } catch (error) {
          const problem = error instanceof ProblemError ? error : null;
          // Only a request that may not have arrived (network, server error) is worth sending again as is.
          const retryable = !problem || problem.status === 0 || problem.status >= 500;
          return { email, key, retryable, error: problem?.fields.email ?? problem?.fields.principal ?? messageOf(error) };
        }
      }),
    );
    const shared = results.flatMap((r) => ("grant" in r && r.grant ? [r.grant] : []));
    const failed = results.flatMap((r) => ("error" in r && r.error ? [{ email: r.email, message: r.error, key: r.key, retryable: r.retryable }] : []));
    setFailures(failed);
    setRecipients(failed.map((f) => f.email));
    setDraft("");
    if (shared.length > 0) {
      setDone(sharedSummary(shared as GrantJson[], emailDelivery));
      if (failed.length === 0) {
        setActions(["view"]);
        setExpiry(initialShareExpiry(ownExpiresAt));
        setWatermark(false);
        setMessage("");
      }
      await queryClient.invalidateQueries({ queryKey: sharingKeys.grants(pocId) });
    }
    setPending(false);
    setSharedCount((n) => n + 1);
    onBusyChange(false, failed.length > 0);
  }

  const lastBase = useRef<Omit<NewGrant, "email"> | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const all = [...new Set([...recipients, ...(draft.trim() ? [draft.trim().toLowerCase()] : [])])];
    const next: Record<string, string> = {};
    const bad = all.filter((e) => !looksLikeEmail(e));
    if (all.length === 0) next.principal = "Enter an email address, or pick a member";
    else if (bad.length > 0) next.principal = `Not an email address: ${bad.join(", ")}`;
    const expiresAt = expiryToApi(expiry);
    if (!expiresAt.ok) next.expires_at = expiresAt.message;
    setErrors(next);
    setDone(null);
    if (Object.keys(next).length > 0 || !expiresAt.ok) {
      setRecipients(all);
      setDraft("");
      return;
    }
    const base: Omit<NewGrant, "email"> = { principal_type: "user", actions };
    if (expiresAt.value) base.expires_at = expiresAt.value;
    if (watermark) base.watermark = true;
    if (message.trim()) base.message = message.trim();
    lastBase.current = base;
    void send(all.map((email) => ({ email, key: newIdempotencyKey() })), base);
  }

  function retry() {
    if (pending || !lastBase.current) return;
    setDone(null);
    void send(failures.filter((f) => f.retryable), lastBase.current);
  }

  return (
    <form className="grant-form stack" onSubmit={submit} noValidate aria-busy={pending || undefined}>
      <h3 className="visually-hidden">Share with people</h3>
      <div ref={input}>
        <RecipientsField
          recipients={recipients}
          onRecipientsChange={(next) => {
            setRecipients(next);
            setFailures((f) => f.filter((x) => next.includes(x.email)));
          }}
          draft={draft}
          onDraftChange={setDraft}
          members={members}
          error={errors.principal}
          invalid={failures.map((f) => f.email)}
          disabled={pending}
        />
      </div>
      <ActionsField value={actions} onChange={setActions} available={availableActions} disabled={pending} />
      <GrantOptionsRow
        name="user_expiry"
        expiry={expiry}
        onExpiryChange={setExpiry}
        expiryError={errors.expires_at}
        watermark={watermark}
        onWatermarkChange={setWatermark}
        ownExpiresAt={ownExpiresAt}
        disabled={pending}
      />
      <Field label="Message (optional)" name="message" hint="Quoted in their email.">
        {(control) => <textarea {...control} className="input" rows={2} maxLength={1000} value={message} onChange={(event) => setMessage(event.target.value)} disabled={pending} />}
      </Field>
      {failures.length > 0 ? (
        <div className="alert alert-error stack" role="alert">
          <p>Not shared with {failures.length === 1 ? "this person" : "these people"}:</p>
          <ul>
            {failures.map((f) => (
              <li key={f.email}>
                <strong>{f.email}</strong>: {f.message}
              </li>
            ))}
          </ul>
          {failures.some((f) => f.retryable) ? (
            <div>
              <PendingButton type="button" className="btn btn-secondary btn-sm" pending={pending} onClick={retry}>
                Retry
              </PendingButton>
            </div>
          ) : (
            <p className="small">Change what the message asks for, then Share again.</p>
          )}
        </div>
      ) : null}
      <div className="grant-form-footer">
        <p className="share-notice small" role="status" aria-live="polite">
          {done ?? ""}
        </p>
        <PendingButton pending={pending}>Share</PendingButton>
      </div>
    </form>
  );
}
