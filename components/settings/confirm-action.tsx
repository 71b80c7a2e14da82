"use client";

import { useState, useTransition, type ReactNode } from "react";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import type { ActionResult } from "@/lib/auth/page";

/**
 * Like ConfirmButton, for confirmations that are not always destructive: `tone` picks the
 * confirm button's style (a reactivation is not red). The dialog stays open with the error
 * when the action fails.
 */
export function ConfirmAction({
  label,
  ariaLabel,
  className,
  title,
  description,
  confirmLabel,
  tone = "danger",
  onConfirm,
}: {
  label: ReactNode;
  ariaLabel?: string;
  className: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
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
