"use client";

import type { ActionResult } from "@/lib/auth/page";
import styles from "./save-failure.module.css";

type Result = ActionResult<unknown>;

/**
 * Runs an inline save and turns a thrown error (network down, or the server answering with
 * something that is not an action result) into a failed result that says which, so a failed
 * save shows next to its control instead of reaching the page's error boundary.
 */
export async function trySave(run: () => Promise<Result>): Promise<Result> {
  try {
    return await run();
  } catch (error) {
    // fetch rejects with a TypeError when no answer came; anything else thrown is an answer
    // that is not an action result: a refusal (403, 5xx) by the server or a proxy before it.
    return error instanceof TypeError
      ? { ok: false, code: "network", message: "The server could not be reached.", fieldErrors: {} }
      : { ok: false, code: "refused", message: "The server did not accept it. Try again, or reload the page.", fieldErrors: {} };
  }
}

/** "Not saved: why" with a Retry button, announced when it appears. */
export function SaveFailure({ message, onRetry, pending }: { message: string; onRetry: () => void; pending?: boolean }) {
  return (
    <div className={`alert alert-error ${styles.failure}`} role="alert">
      <span>{message}</span>
      <button type="button" className="btn btn-secondary btn-sm" onClick={onRetry} disabled={pending} aria-busy={pending || undefined}>
        Retry
      </button>
    </div>
  );
}
