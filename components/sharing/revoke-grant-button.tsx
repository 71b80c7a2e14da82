"use client";

import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { asActionResult, revokeGrant } from "./api";

/** Revoke (confirmed) for one grant in a settings table; the table reloads when it is done. */
export function RevokeGrantButton({ grantId, ariaLabel, title, description }: { grantId: string; ariaLabel: string; title: string; description: ReactNode }) {
  const router = useRouter();
  return (
    <ConfirmButton
      label="Revoke"
      ariaLabel={ariaLabel}
      title={title}
      description={description}
      confirmLabel="Revoke"
      onConfirm={async () => {
        const result = await asActionResult(() => revokeGrant(grantId));
        if (result.ok) router.refresh();
        return result;
      }}
    />
  );
}
