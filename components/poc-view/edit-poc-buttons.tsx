import Link from "next/link";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { ActionResult } from "@/lib/auth/page";

/** Edit and Delete in the member's POC header, for those allowed to. */
export function EditPocButtons({
  pocId,
  title,
  canEdit,
  deleteAction,
}: {
  pocId: string;
  title: string;
  canEdit: boolean;
  /** deletePocAction bound to this POC; only for those who manage it. */
  deleteAction: (() => Promise<ActionResult<unknown>>) | null;
}) {
  return (
    <>
      {canEdit ? (
        <Link href={`/pocs/${pocId}/edit`} className="btn btn-secondary">
          Edit
        </Link>
      ) : null}
      {deleteAction ? (
        <ConfirmButton
          label="Delete POC"
          className="btn btn-danger-ghost"
          title="Delete this POC?"
          description={
            <p>
              <strong>{title}</strong> and all its tasks, success criteria and comments will be deleted. This cannot be undone.
            </p>
          }
          onConfirm={deleteAction}
        />
      ) : null}
    </>
  );
}
