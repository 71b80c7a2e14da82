"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { PendingButton } from "@/components/ui/pending-button";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <PendingButton
      type="button"
      className="btn btn-ghost btn-sm"
      pending={pending}
      onClick={() => {
        setPending(true);
        signOut({ callbackUrl: "/login" }).catch(() => setPending(false));
      }}
    >
      Sign out
    </PendingButton>
  );
}
