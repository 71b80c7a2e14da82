import { statusLabel, type StatusKind } from "@/components/status-labels";

/** A coloured pill with the human label of a POC, task or criterion status. */
export function StatusBadge({ kind, status }: { kind: StatusKind; status: string }) {
  return <span className={`badge badge-${kind}-${status}`}>{statusLabel(kind, status)}</span>;
}
