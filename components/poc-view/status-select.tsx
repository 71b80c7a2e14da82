"use client";

import { useId, useOptimistic, useState, useTransition } from "react";
import { statusOptions, CRITERION_STATUS_LABELS, TASK_STATUS_LABELS } from "@/components/status-labels";
import type { ActionResult } from "@/lib/auth/page";
import { trySave } from "@/components/ui/save-failure";

const LABELS = { task: TASK_STATUS_LABELS, criterion: CRITERION_STATUS_LABELS };

/**
 * An inline status <select> that saves as soon as it changes. It shows the new value at once
 * and falls back to the saved one (with a message and Retry) when the save fails.
 */
export function StatusSelect<K extends keyof typeof LABELS>({
  kind,
  value,
  subject,
  save,
}: {
  kind: K;
  value: keyof (typeof LABELS)[K] & string;
  /**
   * The task's title or the criterion's text: the select's accessible name is "Status of
   * <subject>". It is an aria-label, not visible text, so the page does not repeat the title.
   */
  subject: string;
  save: (input: { status: keyof (typeof LABELS)[K] & string }) => Promise<ActionResult<unknown>>;
}) {
  const id = useId();
  const [shown, setShown] = useOptimistic(value);
  const [error, setError] = useState<{ message: string; tried: typeof value } | null>(null);
  const [pending, startTransition] = useTransition();

  function choose(next: typeof value) {
    setError(null);
    startTransition(async () => {
      setShown(next);
      const result = await trySave(() => save({ status: next }));
      if (!result.ok) setError({ message: `Not saved: ${result.message}`, tried: next });
    });
  }

  return (
    <span className="status-select">
      <label htmlFor={id} className="visually-hidden">
        Status
      </label>
      <select
        id={id}
        aria-label={`Status of ${subject}`}
        className={`input input-sm status-select-${kind}-${shown}`}
        value={shown}
        aria-busy={pending || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => choose(event.target.value as typeof value)}
      >
        {statusOptions(LABELS[kind] as Record<string, string>).map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
      {error ? (
        <span id={`${id}-error`} role="alert" className="field-error">
          {error.message}{" "}
          <button type="button" className="btn btn-link btn-sm" onClick={() => choose(error.tried)} disabled={pending}>
            Retry
          </button>
        </span>
      ) : null}
    </span>
  );
}
