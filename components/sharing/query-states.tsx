"use client";

import { FormError } from "@/components/ui/form-error";
import { messageOf } from "./api";

/** The Share dialog's loading and failed-query states. */
export function LoadingBlock({ label }: { label: string }) {
  return (
    <div className="share-loading" role="status" aria-live="polite">
      <span className="visually-hidden">{label}…</span>
      <div className="skeleton skeleton-input" aria-hidden="true" />
      <div className="skeleton skeleton-line" aria-hidden="true" />
      <div className="skeleton skeleton-line share-skeleton-short" aria-hidden="true" />
    </div>
  );
}

export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="stack">
      <FormError message={messageOf(error)} />
      <div>
        <button type="button" className="btn btn-secondary btn-sm" onClick={onRetry}>
          Try again
        </button>
      </div>
    </div>
  );
}
