"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { ActivityPanel } from "@/components/activity/activity-panel";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import { ActionsField } from "./actions-field";
import {
  asActionResult,
  createPublicLink,
  deletePublicLink,
  fetchGrants,
  messageOf,
  ProblemError,
  sharingKeys,
  updateGrant,
  type GrantAction,
  type GrantJson,
  type GrantPatch,
} from "./api";
import { CopyField } from "./copy-field";
import { ExpiryField, expiryToApi, initialExpiry, type ExpiryValue } from "./expiry-field";
import { formatLocalWithZone, grantStateLabel, LINK_ACTIONS } from "./format";
import { TriangleAlert } from "lucide-react";

export const SECURITY_WARNING = "Anyone with the link will have access without authentication.";

const liveLinkOf = (grants: GrantJson[] | undefined) => grants?.find((g) => g.principal_type === "link" && g.state === "active") ?? null;

/**
 * The public-link dialog of a POC (tenant admins): "Create Share Link" behind a security
 * warning, then "Manage Share Link" with the URL, its options and "Delete link".
 */
export function ShareLinkDialog({
  pocId,
  pocTitle,
  expectLink,
  onClose,
  onCreated,
  onDeleted,
}: {
  pocId: string;
  pocTitle: string;
  /** What the page believed when the dialog opened (the title until the query answers). */
  expectLink: boolean;
  onClose: () => void;
  onCreated: () => void;
  onDeleted: () => void;
}) {
  const grants = useQuery({ queryKey: sharingKeys.grants(pocId), queryFn: () => fetchGrants(pocId), staleTime: 0 });
  const link = liveLinkOf(grants.data);
  const [justCreated, setJustCreated] = useState(false);
  const [busy, setBusy] = useState(false);
  const managing = grants.isSuccess ? link !== null : expectLink;

  return (
    <Dialog
      onClose={onClose}
      dismissible={!busy}
      title={managing ? "Manage Share Link" : "Create Share Link"}
      description={
        <p>
          Public link to <strong>{pocTitle}</strong>
        </p>
      }
    >
      <div className="share-dialog">
        {grants.isPending ? (
          <LoadingBlock label="Loading the link" />
        ) : grants.isError ? (
          <QueryError error={grants.error} onRetry={() => grants.refetch()} />
        ) : link ? (
          <ManageLink
            key={link.id}
            pocId={pocId}
            link={link}
            justCreated={justCreated}
            onBusy={setBusy}
            onClose={onClose}
            onDeleted={onDeleted}
          />
        ) : (
          <CreateLink
            pocId={pocId}
            onBusy={setBusy}
            onClose={onClose}
            onCreated={() => {
              setJustCreated(true);
              onCreated();
            }}
          />
        )}
      </div>
    </Dialog>
  );
}

export function LoadingBlock({ label }: { label: string }) {
  return (
    <div className="share-loading" role="status" aria-live="polite">
      <span className="visually-hidden">{label}…</span>
      <div className="skeleton skeleton-input" aria-hidden="true" />
      <div className="skeleton skeleton-line" aria-hidden="true" />
      <div className="skeleton skeleton-line share-skeleton-short" aria-hidden="true" />
    </div>
  );
}

export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="stack">
      <FormError message={messageOf(error)} />
      <div>
        <button type="button" className="btn btn-secondary btn-sm" onClick={onRetry}>
          Try again
        </button>
      </div>
    </div>
  );
}

function CreateLink({ pocId, onBusy, onClose, onCreated }: { pocId: string; onBusy: (busy: boolean) => void; onClose: () => void; onCreated: () => void }) {
  const queryClient = useQueryClient();
  const checkId = useId();
  const [understood, setUnderstood] = useState(false);
  const create = useMutation({
    mutationFn: () => createPublicLink(pocId),
    onMutate: () => onBusy(true),
    onSettled: () => onBusy(false),
    // Wait for the fresh list, so the dialog switches straight to the new link.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: sharingKeys.grants(pocId) });
      onCreated();
    },
    onError: async (error) => {
      // Someone else created one meanwhile: show it instead.
      if (error instanceof ProblemError && error.code === "share/link-exists") {
        await queryClient.invalidateQueries({ queryKey: sharingKeys.grants(pocId) });
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!understood || create.isPending) return;
    create.mutate();
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="alert alert-warning share-warning" role="note" aria-labelledby={`${checkId}-title`}>
        <p id={`${checkId}-title`} className="share-warning-title">
          <TriangleAlert size={16} aria-hidden="true" className="share-warning-icon" /> Security warning
        </p>
        <p>{SECURITY_WARNING}</p>
        <p className="small">
          They see this POC read-only. After creating the link you can add a password, a watermark or an expiry, and delete it at any time.
        </p>
      </div>
      <label className="share-check share-confirm" htmlFor={checkId}>
        <input id={checkId} type="checkbox" checked={understood} onChange={(event) => setUnderstood(event.target.checked)} disabled={create.isPending} />
        <span>I understand</span>
      </label>
      <FormError message={create.isError ? messageOf(create.error) : null} />
      <div className="dialog-actions">
        {understood ? null : (
          <p id={`${checkId}-why`} className="muted small share-actions-hint">
            Confirm the warning to continue.
          </p>
        )}
        <button type="button" className="btn btn-secondary" onClick={onClose} disabled={create.isPending}>
          Cancel
        </button>
        <PendingButton pending={create.isPending} disabled={!understood} aria-describedby={understood ? undefined : `${checkId}-why`}>
          Create Link
        </PendingButton>
      </div>
    </form>
  );
}

function ManageLink({
  pocId,
  link,
  justCreated,
  onBusy,
  onClose,
  onDeleted,
}: {
  pocId: string;
  link: GrantJson;
  justCreated: boolean;
  onBusy: (busy: boolean) => void;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: sharingKeys.grants(pocId) });

  const removePassword = useMutation({
    mutationFn: () => updateGrant(link.id, { password: null }),
    onMutate: () => setSaved(null),
    onSuccess: async () => {
      await refresh();
      setSaved("Password removed. The link opens without a password now.");
    },
  });

  const remove = useMutation({
    mutationFn: () => deletePublicLink(pocId),
    onMutate: () => onBusy(true),
    onSettled: () => onBusy(false),
    onSuccess: () => {
      // Drop it from the cache at once (a reopened dialog must not show it), then close.
      queryClient.setQueryData<GrantJson[]>(sharingKeys.grants(pocId), (old) => old?.filter((g) => g.id !== link.id));
      onDeleted();
      void refresh();
    },
  });

  return (
    <div className="stack">
      {justCreated ? (
        <div className="alert alert-success" role="status">
          Link created. Copy it and send it to the people who need it.
        </div>
      ) : null}
      <CopyField value={link.link_url ?? ""} label="Share link" autoFocus={justCreated} />
      <dl className="share-meta">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`badge ${link.state === "active" ? "badge-share-active" : "badge-share-expired"}`}>{grantStateLabel(link)}</span>
          </dd>
        </div>
        <div>
          <dt>Created by</dt>
          <dd>{link.created_by?.name ?? "Unknown"}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <time dateTime={link.created_at}>{formatLocalWithZone(link.created_at)}</time>
          </dd>
        </div>
      </dl>

      <ActivityPanel grantId={link.id} label="this link" notify={link.notify_views} />

      <LinkOptionsForm
        link={link}
        onSaved={async (message) => {
          await refresh();
          setSaved(message);
        }}
        onEdit={() => setSaved(null)}
        removePassword={
          link.has_password ? (
            <PendingButton type="button" className="btn btn-secondary btn-sm" pending={removePassword.isPending} onClick={() => removePassword.mutate()}>
              Remove password
            </PendingButton>
          ) : null
        }
        removePasswordError={removePassword.isError ? messageOf(removePassword.error) : null}
        saved={saved}
      />

      <div className="share-footer">
        <ConfirmButton
          label="Delete link"
          className="btn btn-danger-ghost"
          title="Delete this link?"
          description={
            <p>
              Anyone using it loses access immediately, on their next request. A link you create later gets a new address.
            </p>
          }
          confirmLabel="Delete link"
          onConfirm={() => asActionResult(() => remove.mutateAsync())}
        />
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

const sameActions = (a: readonly GrantAction[], b: readonly GrantAction[]) => a.length === b.length && a.every((x) => b.includes(x));

function LinkOptionsForm({
  link,
  onSaved,
  onEdit,
  removePassword,
  removePasswordError,
  saved,
}: {
  link: GrantJson;
  onSaved: (message: string) => Promise<void>;
  onEdit: () => void;
  removePassword: ReactNode;
  removePasswordError: string | null;
  saved: string | null;
}) {
  const ids = useId();
  const [actions, setActions] = useState<GrantAction[]>(link.actions);
  const [password, setPassword] = useState("");
  const [expiry, setExpiry] = useState<ExpiryValue>(initialExpiry(true));
  const [watermark, setWatermark] = useState(link.watermark);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);

  const saveRow = useRef<HTMLDivElement>(null);
  const save = useMutation({
    mutationFn: (patch: GrantPatch) => updateGrant(link.id, patch),
    onSuccess: (_data, patch) => {
      // The password is write-only, and the expiry now counts from the saved value.
      setPassword("");
      setExpiry(initialExpiry(true));
      const what = [
        patch.actions ? "actions" : null,
        patch.password !== undefined ? "password" : null,
        patch.expires_at !== undefined ? "expiry" : null,
        patch.watermark !== undefined ? "watermark" : null,
      ].filter(Boolean);
      return onSaved(`Saved: ${what.join(", ")}.${patch.password ? " Passwords are never shown again." : ""}`);
    },
  });

  // The button was disabled (and so lost focus) while saving: give it back.
  useEffect(() => {
    if (save.isSuccess) saveRow.current?.querySelector("button")?.focus();
  }, [save.isSuccess]);

  const problem = save.error instanceof ProblemError ? save.error : null;
  const fieldError = (field: string) => clientErrors[field] ?? problem?.fields[field];
  const knownFields = ["actions", "password", "expires_at", "watermark"];
  const formError = save.isError && !(problem && Object.keys(problem.fields).some((f) => knownFields.includes(f))) ? messageOf(save.error) : null;

  function edited() {
    setNotice(null);
    onEdit();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const patch: GrantPatch = {};
    const errors: Record<string, string> = {};
    if (!sameActions(actions, link.actions)) patch.actions = actions;
    // The server checks the password's rules; its message shows under the field.
    if (password !== "") patch.password = password;
    const expiresAt = expiryToApi(expiry);
    if (!expiresAt.ok) errors.expires_at = expiresAt.message;
    else if (expiresAt.value !== undefined) patch.expires_at = expiresAt.value;
    if (watermark !== link.watermark) patch.watermark = watermark;
    setClientErrors(errors);
    save.reset();
    if (Object.keys(errors).length > 0) return;
    if (Object.keys(patch).length === 0) {
      setNotice("Nothing to save: change an option first.");
      return;
    }
    save.mutate(patch);
  }

  return (
    <form className="share-options" onSubmit={submit} onChange={edited} noValidate>
      <section className="share-section share-section-labelled">
        <h3 id={`${ids}-actions`} className="share-section-title">
          Actions
        </h3>
        <ActionsField legend="What viewers can do" value={actions} onChange={setActions} available={LINK_ACTIONS} error={fieldError("actions")} disabled={save.isPending} />
        <p className="field-hint">Edit and share need a signed-in person; use Share for that.</p>
      </section>

      <section className="share-section share-section-labelled">
        <div className="share-section-head">
          <h3 id={`${ids}-password`} className="share-section-title">
            Password
          </h3>
          {link.has_password ? <span className="badge badge-share-active">Password set</span> : <span className="badge">No password</span>}
        </div>
        <Field
          label={link.has_password ? "New password" : "Password"}
          name="password"
          error={fieldError("password")}
          hint={`${link.has_password ? "Enter a new one to change it; viewers unlocked with the old one must enter it again. " : "Viewers must enter it before they see the POC. "}At least 8 characters. Passwords are never shown again.`}
        >
          {(control) => (
            <input
              {...control}
              type="password"
              className="input"
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              disabled={save.isPending}
              maxLength={128}
            />
          )}
        </Field>
        {removePassword ? <div>{removePassword}</div> : null}
        <FormError message={removePasswordError} />
      </section>

      <section className="share-section share-section-labelled">
        <h3 id={`${ids}-expiry`} className="share-section-title">
          Expiry
        </h3>
        <ExpiryField value={expiry} onChange={setExpiry} current={link.expires_at} error={fieldError("expires_at")} disabled={save.isPending} name="link_expiry" />
      </section>

      <section className="share-section share-section-labelled">
        <h3 id={`${ids}-watermark`} className="share-section-title">
          Watermark
        </h3>
        <label className="share-check">
          <input type="checkbox" name="watermark" checked={watermark} onChange={(event) => setWatermark(event.target.checked)} disabled={save.isPending} />
          <span>Show each viewer&apos;s email over the page (viewers enter their email first)</span>
        </label>
        {fieldError("watermark") ? <p className="field-error">{fieldError("watermark")}</p> : null}
      </section>

      <FormError message={formError} />
      <p className="share-notice small" role="status" aria-live="polite">
        {notice ?? saved ?? ""}
      </p>
      <div className="share-save" ref={saveRow}>
        <PendingButton pending={save.isPending}>Save changes</PendingButton>
      </div>
    </form>
  );
}
