import { useId } from "react";
// The same look as the share page's guest form; only the transport differs.
import styles from "@/components/share-page/guest-comment-form.module.css";

/**
 * A guest's comment or reply inside an embed: a plain form posted to the embed's comment
 * route with the token in its path (the iframe is sandboxed, without scripts or cookies).
 */
export function EmbedCommentForm({ token, parentId, notice }: { token: string; parentId?: string; notice?: string | null }) {
  const id = useId();
  return (
    <form method="post" action={`/embed/${encodeURIComponent(token)}/comments`} className={`stack ${styles.form}`} aria-label={parentId ? "Reply" : "New comment"}>
      {notice ? (
        <p className="muted small" role="status">
          {notice}
        </p>
      ) : null}
      {parentId ? <input type="hidden" name="parent_id" value={parentId} /> : null}
      <div className={styles.who}>
        <div className="field">
          <label htmlFor={`${id}-name`} className="field-label">
            Your name
          </label>
          <input id={`${id}-name`} name="name" className="input" required maxLength={100} autoComplete="name" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`} className="field-label">
            Your email
          </label>
          <input id={`${id}-email`} name="email" type="email" className="input" required maxLength={254} autoComplete="email" />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`} className="field-label">
          {parentId ? "Reply" : "Comment"}
        </label>
        <textarea id={`${id}-body`} name="body" className="input" required maxLength={2000} rows={parentId ? 2 : 3} />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {parentId ? "Post reply" : "Post comment"}
        </button>
      </div>
    </form>
  );
}
