"use client";

import { useActionState, useId } from "react";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import type { ShareFormState } from "@/lib/sharing/page";
import styles from "./guest-comment-form.module.css";

type CommentAction = (state: ShareFormState, form: FormData) => Promise<ShareFormState>;

/** A guest's comment or reply on a share page: name, email and text, posted to a server action. */
export function GuestCommentForm({ action, viewerEmail, parentId }: { action: CommentAction; viewerEmail: string | null; parentId?: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = useId();
  const values = state.values ?? {};
  return (
    <form action={formAction} className={`stack ${styles.form}`} aria-label={parentId ? "Reply" : "New comment"}>
      <FormError message={state.message} />
      {parentId ? <input type="hidden" name="parent_id" value={parentId} /> : null}
      <div className={styles.who}>
        <div className="field">
          <label htmlFor={`${id}-name`} className="field-label">
            Your name
          </label>
          <input id={`${id}-name`} name="name" className="input" required maxLength={100} autoComplete="name" defaultValue={values.name} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`} className="field-label">
            Your email
          </label>
          <input id={`${id}-email`} name="email" type="email" className="input" required maxLength={254} autoComplete="email" defaultValue={values.email ?? viewerEmail ?? ""} />
        </div>
      </div>
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
