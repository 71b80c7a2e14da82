"use client";

import { useState, useTransition, type ReactNode } from "react";
import type { ActionResult } from "@/lib/auth/page";
import { Dialog } from "./dialog";
import { FormError } from "./form-error";
import { PendingButton } from "./pending-button";

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
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function confirm() {
    setError(null);
    startTransition(async () => {
      const result = await onConfirm();
      if (result.ok) setOpen(false);
      else setError(result.message);
    });
  }

  return (
    <>
      <button
        type="button"
        className={className}
        aria-label={ariaLabel}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        {label}
      </button>
      {open ? (
        <Dialog onClose={() => setOpen(false)} title={title} description={description} dismissible={!pending}>
          <FormError message={error} />
          <div className="dialog-actions">
            <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)} disabled={pending}>
              Cancel
            </button>
            <PendingButton type="button" className={tone === "danger" ? "btn btn-danger" : "btn btn-primary"} pending={pending} onClick={confirm}>
              {confirmLabel}
            </PendingButton>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
