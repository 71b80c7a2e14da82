"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import { ActionsField } from "./actions-field";
import { createGrant, messageOf, ProblemError, sharingKeys, type GrantAction, type GrantJson, type NewGrant } from "./api";
import { expiryToApi, type ExpiryValue } from "./expiry-field";
import { GrantOptionsRow } from "./grant-options-row";
import type { BusyChange } from "./people-form";
import { initialShareExpiry } from "./share-limit";
import { principalLabel, ROLE_LABELS } from "./format";

export type MemberOption = { id: string; name: string; email: string };
export type TeamOption = { id: string; name: string };
export type Audience = "user" | "team" | "role";
/** The audiences this form shares with (people have PeopleForm). */
type GroupAudience = Exclude<Audience, "user">;

const SUBMIT_LABELS: Record<GroupAudience, string> = { team: "Share with team", role: "Share with role" };

/** Fields the API may name in its errors, per control of this form. */
const FIELD_OF: Record<string, string> = { principal_id: "principal", actions: "actions", expires_at: "expires_at", watermark: "watermark" };

/**
 * A team's or a role's share form: which one, the actions (only those the sharer may give),
 * an optional expiry (a re-sharer's own by default) and watermark.
 */
export function GrantForm({
  pocId,
  audience,
  availableActions,
  teams = [],
  ownExpiresAt,
  onBusyChange,
}: {
  pocId: string;
  audience: GroupAudience;
  availableActions: readonly GrantAction[];
  teams?: TeamOption[];
  ownExpiresAt: string | null;
  onBusyChange: BusyChange;
}) {
  const queryClient = useQueryClient();
  const [principal, setPrincipal] = useState("");
  const [actions, setActions] = useState<GrantAction[]>(["view"]);
  const [expiry, setExpiry] = useState<ExpiryValue>(() => initialShareExpiry(ownExpiresAt));
  const [watermark, setWatermark] = useState(false);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);

  const share = useMutation({
    mutationFn: (grant: NewGrant) => createGrant(pocId, grant),
    onMutate: () => {
      setDone(null);
      onBusyChange(true, false);
    },
    onSettled: (_data, error) => onBusyChange(false, error !== null),
    onSuccess: async (grant: GrantJson) => {
      setPrincipal("");
      setActions(["view"]);
      setExpiry(initialShareExpiry(ownExpiresAt));
      setWatermark(false);
      setDone(`Shared with ${principalLabel(grant)}.`);
      await queryClient.invalidateQueries({ queryKey: sharingKeys.grants(pocId) });
    },
  });

  // Ready for the next one: the controls were disabled (and lost focus) while sharing.
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (share.isSuccess) form.current?.querySelector<HTMLElement>("input, select")?.focus();
  }, [share.isSuccess]);

  const problem = share.error instanceof ProblemError ? share.error : null;
  const apiFieldErrors: Record<string, string> = {};
  for (const [field, message] of Object.entries(problem?.fields ?? {})) {
    const target = FIELD_OF[field];
    if (target) apiFieldErrors[target] ??= message;
  }
  const fieldError = (field: string) => clientErrors[field] ?? apiFieldErrors[field];
  const formError = share.isError && Object.keys(apiFieldErrors).length === 0 ? messageOf(share.error) : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (share.isPending) return;
    const errors: Record<string, string> = {};
    const who = principal.trim();
    if (!who) errors.principal = audience === "team" ? "Pick a team" : "Pick a role";
    const expiresAt = expiryToApi(expiry);
    if (!expiresAt.ok) errors.expires_at = expiresAt.message;
    setClientErrors(errors);
    share.reset();
    setDone(null);
    if (Object.keys(errors).length > 0 || !expiresAt.ok) return;
    const grant: NewGrant = { principal_type: audience, principal_id: who, actions };
    if (expiresAt.value) grant.expires_at = expiresAt.value;
    if (watermark) grant.watermark = true;
    share.mutate(grant);
  }

  const pending = share.isPending;
  return (
    <form ref={form} className="grant-form stack" onSubmit={submit} noValidate>
      <h3 className="visually-hidden">{audience === "team" ? "Share with a team" : "Share with everyone in a role"}</h3>
      {audience === "team" ? (
        <Field label="Team" name="team" error={fieldError("principal")}>
          {(control) => (
            <select {...control} className="input" value={principal} onChange={(event) => setPrincipal(event.target.value)} disabled={pending}>
              <option value="">Choose a team…</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <Field label="Role" name="role" error={fieldError("principal")} hint="Everyone who has this role now or later, evaluated on every visit.">
          {(control) => (
            <select {...control} className="input" value={principal} onChange={(event) => setPrincipal(event.target.value)} disabled={pending}>
              <option value="">Choose a role…</option>
              {Object.entries(ROLE_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <ActionsField value={actions} onChange={setActions} available={availableActions} error={fieldError("actions")} disabled={pending} />
      <GrantOptionsRow
        name={`${audience}_expiry`}
        expiry={expiry}
        onExpiryChange={setExpiry}
        expiryError={fieldError("expires_at")}
        watermark={watermark}
        onWatermarkChange={setWatermark}
        ownExpiresAt={ownExpiresAt}
        disabled={pending}
      />
      <FormError message={formError} />
      <div className="grant-form-footer">
        <p className="share-notice small" role="status" aria-live="polite">
          {done ?? ""}
        </p>
        <PendingButton pending={pending}>{SUBMIT_LABELS[audience]}</PendingButton>
      </div>
    </form>
  );
}
