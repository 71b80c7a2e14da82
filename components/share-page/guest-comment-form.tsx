"use client";

import { useActionState, useId, useSyncExternalStore } from "react";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import type { ShareFormState } from "@/lib/sharing/page";
import styles from "./guest-comment-form.module.css";

type CommentAction = (state: ShareFormState, form: FormData) => Promise<ShareFormState>;

/** The guest's name and email, kept in this browser for their next comment. */
const REMEMBERED = "poc-manager.guest-author";
/** Set while a comment is on its way: the page comes back (post, redirect, get) with the form anew. */
const SENT = "poc-manager.guest-comment-sent";
const subscribe = (onChange: () => void) => {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
};
const readRemembered = () => window.localStorage.getItem(REMEMBERED) ?? "";
const readSent = () => window.sessionStorage.getItem(SENT) ?? "";
const changed = (key: string) => window.dispatchEvent(new StorageEvent("storage", { key }));
function remember(form: FormData, kind: string) {
  window.sessionStorage.setItem(SENT, kind);
  changed(SENT);
  const who = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  if (!who.name && !who.email) return;
  window.localStorage.setItem(REMEMBERED, JSON.stringify(who));
  changed(REMEMBERED);
}
function forgetSent() {
  if (!readSent()) return;
  window.sessionStorage.removeItem(SENT);
  changed(SENT);
}
function parseRemembered(raw: string): { name?: string; email?: string } {
  try {
    return raw ? (JSON.parse(raw) as { name?: string; email?: string }) : {};
  } catch {
    return {};
  }
}

/**
 * A guest's comment or reply on a share page: name, email and text, posted to a server action.
 * On links that verify emails the proven address is the author, so there is nothing to choose.
 */
export function GuestCommentForm({
  action,
  viewerEmail,
  verifiedEmail = null,
  parentId,
}: {
  action: CommentAction;
  viewerEmail: string | null;
  verifiedEmail?: string | null;
  parentId?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = useId();
  const values = state.values ?? {};
  const rememberedRaw = useSyncExternalStore(subscribe, readRemembered, () => "");
  const remembered = parseRemembered(rememberedRaw);
  const kind = parentId ? "reply" : "comment";
  // Posted: this form sent one, the send is over, and the server did not refuse it.
  const posted = useSyncExternalStore(subscribe, readSent, () => "") === kind && !pending && !state.message && state.retryAfterSeconds === undefined;
  return (
    <form
      action={formAction}
      onSubmit={(event) => remember(new FormData(event.currentTarget), kind)}
      onChange={forgetSent}
      className={`stack ${styles.form}`}
      aria-label={parentId ? "Reply" : "New comment"}
    >
      <FormError message={state.message} />
      <p className="save-status small" role="status">
        {posted ? (parentId ? "Reply posted." : "Comment posted.") : ""}
      </p>
      {parentId ? <input type="hidden" name="parent_id" value={parentId} /> : null}
      {verifiedEmail ? (
        <p className="muted small">
          Commenting as <strong>{verifiedEmail}</strong> (verified)
        </p>
      ) : (
        <div className={styles.who} key={rememberedRaw}>
          <div className="field">
            <label htmlFor={`${id}-name`} className="field-label">
              Your name
            </label>
            <input id={`${id}-name`} name="name" className="input" required maxLength={100} autoComplete="name" defaultValue={values.name ?? remembered.name} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-email`} className="field-label">
              Your email
            </label>
            <input id={`${id}-email`} name="email" type="email" className="input" required maxLength={254} autoComplete="email" defaultValue={values.email ?? viewerEmail ?? remembered.email ?? ""} />
          </div>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-body`} className="field-label">
          {parentId ? "Reply" : "Comment"}
        </label>
        <textarea id={`${id}-body`} name="body" className="input" required maxLength={2000} rows={parentId ? 2 : 3} defaultValue={values.body} />
      </div>
      <div className="form-actions">
        <PendingButton pending={pending}>{parentId ? "Post reply" : "Post comment"}</PendingButton>
      </div>
    </form>
  );
}
