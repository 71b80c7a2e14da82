"use client";

import { useState, useTransition, type ReactNode } from "react";
import type { ActionResult } from "@/lib/auth/page";
import { Dialog } from "./dialog";
import { FormError } from "./form-error";
import { PendingButton } from "./pending-button";
import { trySave } from "./save-failure";

/**
 * A button that asks for confirmation in a modal dialog before it runs an action (destructive
 * by default; `tone="primary"` for ones that are not, like reactivating a user). The dialog
 * stays open with the error when the action fails.
 */
export function ConfirmButton({
  label,
  ariaLabel,
  className = "btn btn-danger-ghost btn-sm",
  title,
  description,
  confirmLabel = "Delete",
  tone = "danger",
  onConfirm,
}: {
  /** Visible text of the trigger. */
  label: ReactNode;
  /** Accessible name of the trigger when the visible text is not specific enough. */
  ariaLabel?: string;
  className?: string;
  title: string;
  description: ReactNode;
  confirmLabel?: string;
  tone?: "danger" | "primary";
  onConfirm: () => Promise<ActionResult<unknown>>;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={className} aria-label={ariaLabel} onClick={() => setOpen(true)}>
        {label}
      </button>
      {open ? <ConfirmDialog title={title} description={description} confirmLabel={confirmLabel} tone={tone} onConfirm={onConfirm} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/**
 * The confirmation itself: Cancel, or the action (the dialog closes when it succeeds and shows
 * the error when it fails). For confirmations a button does not open, like a role change.
 */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  tone = "danger",
  onConfirm,
  onClose,
}: {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  tone?: "danger" | "primary";
  onConfirm: () => Promise<ActionResult<unknown>>;
  onClose: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function confirm() {
    setError(null);
    startTransition(async () => {
      const result = await trySave(onConfirm);
      if (result.ok) onClose();
      else setError(result.message);
    });
  }

  return (
    <Dialog onClose={onClose} title={title} description={description} dismissible={!pending}>
      <FormError message={error} />
      <div className="dialog-actions">
        <button type="button" className="btn btn-secondary" onClick={onClose} disabled={pending}>
          Cancel
        </button>
        <PendingButton type="button" className={tone === "danger" ? "btn btn-danger" : "btn btn-primary"} pending={pending} onClick={confirm}>
          {confirmLabel}
        </PendingButton>
      </div>
    </Dialog>
  );
}
