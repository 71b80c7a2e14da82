"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import { decideAccessRequest, fetchAccessRequests, messageOf, sharingKeys, type AccessRequestJson } from "./api";
import { formatLocal } from "./format";
import styles from "./access-requests.module.css";

/**
 * Requests for access that came in through an expired or revoked link: approve (the POC is
 * shared with the requester, view only, an invitation when they have no account) or dismiss.
 * Shown only while some are pending.
 */
export function AccessRequests({ pocId, onDecided }: { pocId: string; onDecided: () => void }) {
  const requests = useQuery({ queryKey: sharingKeys.accessRequests(pocId), queryFn: () => fetchAccessRequests(pocId), staleTime: 0 });
  const pending = requests.data?.filter((r) => r.status === "pending") ?? [];
  if (pending.length === 0) return null;
  return (
    <section className={styles.section} aria-labelledby="access-requests-title">
      <h3 id="access-requests-title" className="share-section-title">
        Access requests ({pending.length})
      </h3>
      <ul className={`bare-list ${styles.list}`}>
        {pending.map((r) => (
          <RequestRow key={r.id} pocId={pocId} request={r} onDecided={onDecided} />
        ))}
      </ul>
    </section>
  );
}

function RequestRow({ pocId, request, onDecided }: { pocId: string; request: AccessRequestJson; onDecided: () => void }) {
  const queryClient = useQueryClient();
  const row = useRef<HTMLLIElement>(null);
  const decide = useMutation({
    mutationFn: (decision: "approve" | "dismiss") => decideAccessRequest(pocId, request.id, decision),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: sharingKeys.accessRequests(pocId) }),
        queryClient.invalidateQueries({ queryKey: sharingKeys.grants(pocId) }),
      ]);
      onDecided();
    },
  });
  const label = `${request.name} (${request.email})`;
  return (
    <li ref={row} className="split-row" aria-label={`Request from ${label}`}>
      <div>
        <strong>{request.name}</strong> <span className="muted small">{request.email}</span>
        <div className="muted small">Asked {formatLocal(request.created_at)}</div>
        {request.message ? <p className={styles.message}>“{request.message}”</p> : null}
      </div>
      <FormError message={decide.isError ? messageOf(decide.error) : null} />
      <div className="row-actions">
        <PendingButton type="button" className="btn btn-primary btn-sm" pending={decide.isPending && decide.variables === "approve"} disabled={decide.isPending} onClick={() => decide.mutate("approve")} aria-label={`Approve: share with ${label}`}>
          Approve
        </PendingButton>
        <PendingButton type="button" className="btn btn-ghost btn-sm" pending={decide.isPending && decide.variables === "dismiss"} disabled={decide.isPending} onClick={() => decide.mutate("dismiss")} aria-label={`Dismiss the request from ${label}`}>
          Dismiss
        </PendingButton>
      </div>
    </li>
  );
}
