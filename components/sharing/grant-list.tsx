"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { ActivityPanel } from "@/components/activity/activity-panel";
import { ActivitySummaryLine } from "@/components/activity/activity-summary";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import { ActionsField } from "./actions-field";
import { asActionResult, messageOf, ProblemError, resendInvite, revokeGrant, sharingKeys, updateGrant, type GrantAction, type GrantJson, type GrantPatch } from "./api";
import { invitationResentText, type EmailDelivery } from "./share-copy";
import { describeExpiry, ExpiryField, expiryToApi, initialExpiry, type ExpiryValue } from "./expiry-field";
import { actionsSummary, principalLabel } from "./format";
import styles from "./grant-list.module.css";

const KIND_LABELS: Record<string, string> = { user: "Person", team: "Team", role: "Role" };

export type OwnerEntry = { name: string; email: string | null };

/** The POC's owner (full access, not a grant), then its live user, team and role grants, each editable in place and revocable. */
export function GrantList({
  pocId,
  owner,
  grants,
  canManage,
  currentUserId,
  availableActions,
  emailDelivery,
  onRevoked,
}: {
  pocId: string;
  owner: OwnerEntry | null;
  grants: GrantJson[];
  /** After a revocation (its row, and the focused button, are gone). */
  onRevoked?: () => void;
  /** Admins and the owner change every grant; others only those they created. */
  canManage: boolean;
  currentUserId: string;
  availableActions: readonly GrantAction[];
  /** Whether a resent invitation leaves the app (SMTP) or waits in Settings → Outbox. */
  emailDelivery: EmailDelivery;
}) {
  return (
    <>
    <ul className="bare-list">
      {owner ? (
        <li className={styles.row} aria-label={`${owner.name}${owner.email ? ` (${owner.email})` : ""}, owner`}>
          <div className={styles.main}>
            <div className={styles.who}>
              <span className={styles.name}>{owner.name}</span>
              {owner.email ? <span className="muted small">{owner.email}</span> : null}
              <span className="tag">Owner</span>
            </div>
            <ul className={`${styles.meta} small`} aria-label="Access">
              <li>Full access</li>
            </ul>
          </div>
        </li>
      ) : null}
      {grants.map((grant) => (
        <GrantRow
          key={grant.id}
          pocId={pocId}
          grant={grant}
          editable={canManage || grant.created_by?.id === currentUserId}
          availableActions={availableActions}
          emailDelivery={emailDelivery}
          onRevoked={onRevoked}
        />
      ))}
    </ul>
    {grants.length === 0 ? <p className="muted share-empty">Not shared with anyone yet.</p> : null}
    </>
  );
}

function GrantRow({
  pocId,
  grant,
  editable,
  availableActions,
  emailDelivery,
  onRevoked,
}: {
  pocId: string;
  grant: GrantJson;
  editable: boolean;
  availableActions: readonly GrantAction[];
  emailDelivery: EmailDelivery;
  onRevoked?: () => void;
}) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const label = principalLabel(grant);
  const who = grant.principal_type === "user" && grant.principal.email && grant.principal.email !== label ? grant.principal.email : null;
  const fullName = who ? `${label} (${who})` : label;
  const editorId = `grant-${grant.id}-editor`;

  const resend = useMutation({ mutationFn: () => resendInvite(grant.id) });
  const revoke = useMutation({
    mutationFn: () => revokeGrant(grant.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: sharingKeys.grants(pocId) });
      onRevoked?.();
    },
  });

  return (
    <li className={styles.row} aria-label={fullName}>
      <div className={styles.main}>
        <div className={styles.who}>
          <span className={styles.name}>{label}</span>
          {who ? <span className="muted small">{who}</span> : null}
          <span className="tag">{KIND_LABELS[grant.principal_type] ?? grant.principal_type}</span>
          {grant.principal.pending ? <span className="badge badge-pending">Invited (pending)</span> : null}
        </div>
        <ul className={`${styles.meta} small`} aria-label="Access">
          <li>{actionsSummary(grant.actions)}</li>
          <li>{describeExpiry(grant.expires_at)}</li>
          {grant.watermark ? <li>Watermarked</li> : null}
        </ul>
        <ActivitySummaryLine activity={grant.activity} />
        {resend.isSuccess ? (
          <p className="share-notice small" role="status">
            {invitationResentText(emailDelivery)}
          </p>
        ) : null}
        <FormError message={resend.isError ? messageOf(resend.error) : null} />
      </div>
      {editable ? (
        <div className={`row-actions ${styles.actions}`}>
          <button
            ref={editButton}
            type="button"
            className="btn btn-ghost btn-sm"
            aria-expanded={editing}
            aria-controls={editing ? editorId : undefined}
            aria-label={`Edit access for ${fullName}`}
            onClick={() => setEditing((on) => !on)}
          >
            Edit
          </button>
          {grant.principal.pending ? (
            <PendingButton
              type="button"
              className="btn btn-ghost btn-sm"
              pending={resend.isPending}
              aria-label={`Resend invite to ${fullName}`}
              onClick={() => resend.mutate()}
            >
              Resend invite
            </PendingButton>
          ) : null}
          <ConfirmButton
            label="Revoke"
            ariaLabel={`Revoke access for ${fullName}`}
            title="Revoke access?"
            description={
              <p>
                <strong>{fullName}</strong> loses access to this POC on their next request.
              </p>
            }
            confirmLabel="Revoke"
            onConfirm={() => asActionResult(() => revoke.mutateAsync())}
          />
        </div>
      ) : null}
      {editing ? (
        <GrantEditor
          id={editorId}
          pocId={pocId}
          grant={grant}
          availableActions={availableActions}
          onDone={() => {
            setEditing(false);
            editButton.current?.focus();
          }}
        />
      ) : null}
      {editing ? <ActivityPanel grantId={grant.id} label={fullName} notify={grant.notify_views} /> : null}
    </li>
  );
}

const sameActions = (a: readonly GrantAction[], b: readonly GrantAction[]) => a.length === b.length && a.every((x) => b.includes(x));

function GrantEditor({
  id,
  pocId,
  grant,
  availableActions,
  onDone,
}: {
  id: string;
  pocId: string;
  grant: GrantJson;
  availableActions: readonly GrantAction[];
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [actions, setActions] = useState<GrantAction[]>(grant.actions);
  const [expiry, setExpiry] = useState<ExpiryValue>(initialExpiry(true));
  const [watermark, setWatermark] = useState(grant.watermark);
  const [clientError, setClientError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (patch: GrantPatch) => updateGrant(grant.id, patch),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: sharingKeys.grants(pocId) });
      onDone();
    },
  });
  const problem = save.error instanceof ProblemError ? save.error : null;
  const fieldMessage = (field: string) => problem?.fields[field];
  const formError = save.isError && !fieldMessage("actions") && !fieldMessage("expires_at") ? messageOf(save.error) : null;
  // Actions the grant already has stay offered, so an edit can remove them.
  const offered = [...new Set([...availableActions, ...grant.actions])];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const patch: GrantPatch = {};
    if (!sameActions(actions, grant.actions)) patch.actions = actions;
    const expiresAt = expiryToApi(expiry);
    setClientError(expiresAt.ok ? null : expiresAt.message);
    save.reset();
    if (!expiresAt.ok) return;
    if (expiresAt.value !== undefined) patch.expires_at = expiresAt.value;
    if (watermark !== grant.watermark) patch.watermark = watermark;
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    save.mutate(patch);
  }

  return (
    <form id={id} className={`${styles.editor} stack`} onSubmit={submit} noValidate aria-label={`Change access for ${principalLabel(grant)}`}>
      <ActionsField value={actions} onChange={setActions} available={offered} error={fieldMessage("actions")} disabled={save.isPending} />
      <div className="grant-form-row">
        <ExpiryField value={expiry} onChange={setExpiry} current={grant.expires_at} error={clientError ?? fieldMessage("expires_at")} disabled={save.isPending} name={`expiry_${grant.id}`} />
        <label className="share-check grant-watermark">
          <input type="checkbox" checked={watermark} onChange={(event) => setWatermark(event.target.checked)} disabled={save.isPending} />
          <span>Watermark: show each viewer&apos;s email over the page</span>
        </label>
      </div>
      <FormError message={formError} />
      <div className="form-actions">
        <button type="button" className="btn btn-secondary btn-sm" onClick={onDone} disabled={save.isPending}>
          Cancel
        </button>
        <PendingButton pending={save.isPending} className="btn btn-primary btn-sm">
          Save
        </PendingButton>
      </div>
    </form>
  );
}
