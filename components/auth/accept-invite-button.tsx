"use client";

import { useState, useTransition } from "react";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import type { ActionResult } from "@/lib/auth/page";

/** Accepts an invitation as the signed-in user; the action redirects to the shared POC. */
export function AcceptInviteButton({ action }: { action: () => Promise<ActionResult<unknown>> }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="stack">
      <FormError message={error} />
      <PendingButton
        type="button"
        pending={pending}
        className="btn btn-primary btn-block"
        onClick={() => {
          setError(null);
          startTransition(async () => {
            const result = await action();
            if (!result.ok) setError(result.message);
          });
        }}
      >
        Accept invitation
      </PendingButton>
    </div>
  );
}
