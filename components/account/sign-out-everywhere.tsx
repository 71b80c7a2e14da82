"use client";

import { signOut } from "next-auth/react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { ActionResult } from "@/lib/auth/page";

/** Ends every session on the server, then clears this browser's cookie and goes to sign-in. */
export function SignOutEverywhere({ action }: { action: () => Promise<ActionResult<{ endedSessions: number }>> }) {
  return (
    <ConfirmButton
      label="Sign out everywhere"
      className="btn btn-secondary"
      title="Sign out everywhere?"
      description="Every browser and device signed in to your account, this one included, will need to sign in again."
      confirmLabel="Sign out everywhere"
      onConfirm={async () => {
        const result = await action();
        if (result.ok) await signOut({ callbackUrl: "/login" });
        return result;
      }}
    />
  );
}
