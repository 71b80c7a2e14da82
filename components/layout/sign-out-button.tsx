"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { PendingButton } from "@/components/ui/pending-button";

/** Signs out, then goes to `callbackUrl` (the sign-in page by default). */
export function SignOutButton({ callbackUrl = "/login", label = "Sign out", className = "btn btn-ghost btn-sm" }: { callbackUrl?: string; label?: string; className?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <PendingButton
      type="button"
      className={className}
      pending={pending}
      onClick={() => {
        setPending(true);
        signOut({ callbackUrl }).catch(() => setPending(false));
      }}
    >
      {label}
    </PendingButton>
  );
}
