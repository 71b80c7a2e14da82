"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { ActivityPanel } from "@/components/activity/activity-panel";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import { ActionsField } from "./actions-field";
import { asActionResult, deletePublicLink, messageOf, ProblemError, sharingKeys, updateGrant, type GrantAction, type GrantJson, type GrantPatch } from "./api";
import { CopyField } from "./copy-field";
import { ExpiryField, expiryToApi, initialExpiry, type ExpiryValue } from "./expiry-field";
import { formatLocalWithZone, grantStateLabel, LINK_ACTIONS } from "./format";
import { initialViewerAccess, ViewerAccessField, viewerAccessPatch, type ViewerAccessValue } from "./viewer-access-field";

/**
 * The live public link in the Share dialog's General access (tenant admins): its URL to copy,
 * who created it, its activity, every option to change, and "Delete link".
 */
export function ManageLink({
  pocId,
  link,
  justCreated,
  onDeleted,
}: {
  pocId: string;
  link: GrantJson;
  justCreated: boolean;
  onDeleted: () => void;
}) {
  const queryClient = useQueryClient();
  const ids = useId();
  const [saved, setSaved] = useState<string | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
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
    onSuccess: () => {
      // Drop it from the cache at once (a reopened dialog must not show it); it moves to the history.
      queryClient.setQueryData<GrantJson[]>(sharingKeys.grants(pocId), (old) => old?.filter((g) => g.id !== link.id));
      onDeleted();
      void refresh();
      void queryClient.invalidateQueries({ queryKey: sharingKeys.endedLinks(pocId) });
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

      <div className="share-footer">
        <button type="button" className="btn btn-secondary btn-sm" aria-expanded={settingsOpen} aria-controls={settingsOpen ? `${ids}-settings` : undefined} onClick={() => setSettingsOpen((on) => !on)}>
          Link settings
        </button>
        <ConfirmButton
          label="Delete link"
          className="btn btn-danger-ghost btn-sm"
          title="Delete this link?"
          description={
            <p>
              Anyone using it loses access immediately, on their next request. A link you create later gets a new address.
            </p>
          }
          confirmLabel="Delete link"
          onConfirm={() => asActionResult(() => remove.mutateAsync())}
        />
      </div>

      {settingsOpen ? (
      <LinkOptionsForm
        id={`${ids}-settings`}
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
      ) : (
        <p className="share-notice small" role="status" aria-live="polite">
          {saved ?? ""}
        </p>
      )}
    </div>
  );
}

const sameActions = (a: readonly GrantAction[], b: readonly GrantAction[]) => a.length === b.length && a.every((x) => b.includes(x));

function LinkOptionsForm({
  id,
  link,
  onSaved,
  onEdit,
  removePassword,
  removePasswordError,
  saved,
}: {
  id: string;
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
  const [viewerAccess, setViewerAccess] = useState<ViewerAccessValue>(() => initialViewerAccess(link));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);

  const saveRow = useRef<HTMLDivElement>(null);
  const save = useMutation({
    mutationFn: (patch: GrantPatch) => updateGrant(link.id, patch),
    onSuccess: (saved, patch) => {
      // The password is write-only, and the expiry now counts from the saved value.
      setPassword("");
      setExpiry(initialExpiry(true));
      // The lists as the server stored them (lower case, without duplicates).
      setViewerAccess(initialViewerAccess(saved));
      const what = [
        patch.actions ? "actions" : null,
        patch.password !== undefined ? "password" : null,
        patch.expires_at !== undefined ? "expiry" : null,
        patch.watermark !== undefined ? "watermark" : null,
        patch.require_verified_email !== undefined || patch.allowed_viewers || patch.denied_viewers ? "who can view" : null,
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
  const knownFields = ["actions", "password", "expires_at", "watermark", "require_verified_email", "allowed_viewers", "denied_viewers"];
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
    const viewers = viewerAccessPatch(link, viewerAccess);
    Object.assign(patch, viewers.patch);
    Object.assign(errors, viewers.errors);
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
    <form id={id} className="share-options" onSubmit={submit} onChange={edited} noValidate aria-label="Link settings">
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

      <section className="share-section share-section-labelled">
        <h3 id={`${ids}-viewers`} className="share-section-title">
          Who can view
        </h3>
        <ViewerAccessField value={viewerAccess} onChange={setViewerAccess} errors={{ require_verified_email: fieldError("require_verified_email"), allowed_viewers: fieldError("allowed_viewers"), denied_viewers: fieldError("denied_viewers") }} disabled={save.isPending} />
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
