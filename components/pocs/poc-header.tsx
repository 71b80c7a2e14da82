import Link from "next/link";
import type { ReactNode } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { StatusBadge } from "@/components/ui/status-badge";
import type { ActionResult } from "@/lib/auth/page";
import type { PocDetail } from "@/lib/pocs/schemas";

export function PocHeader({
  poc,
  canEdit,
  deleteAction,
  shareControls = null,
  downloads = null,
}: {
  poc: PocDetail;
  canEdit: boolean;
  /** deletePocAction bound to this POC; only for those who manage it. */
  deleteAction: (() => Promise<ActionResult<unknown>>) | null;
  /** The Share and share-link buttons, for those allowed to use them. */
  shareControls?: ReactNode;
  /** The Download menu, for those holding `download`. */
  downloads?: ReactNode;
}) {
  return (
    <header className="detail-header">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/pocs">POCs</Link>
      </nav>
      <div className="detail-header-row">
        <div className="detail-title">
          <h1>{poc.title}</h1>
          <div className="detail-subtitle">
            <StatusBadge kind="poc" status={poc.status} />
            {poc.customer ? <span>{poc.customer}</span> : null}
          </div>
        </div>
        {canEdit || deleteAction || shareControls || downloads ? (
          <div className="detail-actions">
            {downloads}
            {shareControls}
            {canEdit ? (
              <Link href={`/pocs/${poc.id}/edit`} className="btn btn-secondary">
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
                    <strong>{poc.title}</strong> and all its tasks, success criteria and comments will be deleted. This cannot be undone.
                  </p>
                }
                onConfirm={deleteAction}
              />
            ) : null}
          </div>
        ) : null}
      </div>
    </header>
  );
}
