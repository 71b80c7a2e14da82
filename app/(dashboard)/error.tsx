"use client";

import { useEffect } from "react";

export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";
  return (
    <div className="card message-card" role="alert">
      <h1>Something went wrong</h1>
      <p className="muted">We could not load this page. It may be a temporary problem: try again in a moment.</p>
      {digest ? <p className="muted small">Reference: {digest}</p> : null}
      <button type="button" className="btn btn-primary" onClick={() => retry()}>
        Try again
      </button>
    </div>
  );
}
