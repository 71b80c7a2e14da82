"use client";

import { useMutation } from "@tanstack/react-query";
import { apiRequest, messageOf } from "@/components/sharing/api";
import { PendingButton } from "@/components/ui/pending-button";
import type { ChainVerification } from "@/lib/audit/schemas";
import styles from "./audit.module.css";

/** Re-walks the tenant's hash chain on the server and says what it found. */
export function VerifyChainButton() {
  const verify = useMutation({ mutationFn: () => apiRequest<ChainVerification>("/api/v1/audit-events/verify") });
  const result = verify.data;
  return (
    <div className={styles.verify}>
      <PendingButton type="button" className="btn btn-secondary btn-sm" pending={verify.isPending} onClick={() => verify.mutate()}>
        Verify chain
      </PendingButton>
      <div role="status" aria-live="polite" className={styles.verdict}>
        {verify.isError ? <span className="field-error">{messageOf(verify.error)}</span> : null}
        {result?.ok ? (
          <span className={styles.ok}>
            ✓ Chain intact: {result.checked} {result.checked === 1 ? "event" : "events"} verified
            {result.unchained > 0 ? ` (${result.unchained} older events predate the chain)` : ""}.
          </span>
        ) : null}
        {result && !result.ok && result.first_broken ? (
          <span className={styles.broken}>
            ✗ Broken at event #{result.first_broken.seq}
            {result.first_broken.id ? ` (id ${result.first_broken.id})` : ""}: {result.first_broken.message}.
          </span>
        ) : null}
      </div>
    </div>
  );
}
