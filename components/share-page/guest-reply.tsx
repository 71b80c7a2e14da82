import type { ShareFormState } from "@/lib/sharing/page";
import { GuestCommentForm } from "./guest-comment-form";
import styles from "./guest-comment-form.module.css";

/** Reply under a comment: a disclosure, so it opens without script too. */
export function GuestReply({
  action,
  viewerEmail,
  parentId,
}: {
  action: (state: ShareFormState, form: FormData) => Promise<ShareFormState>;
  viewerEmail: string | null;
  parentId: string;
}) {
  return (
    <details className={styles.reply}>
      <summary className="btn btn-link btn-sm">Reply</summary>
      <GuestCommentForm action={action} viewerEmail={viewerEmail} parentId={parentId} />
    </details>
  );
}
