"use client";

import { useId } from "react";
import type { GrantAction } from "./api";
import { ACTION_LABELS, ALL_ACTIONS } from "./format";

const HINTS: Record<GrantAction, string> = {
  view: "always included",
  download: "export as CSV",
  comment: "read and post comments",
  edit: "change tasks and details",
  share: "share it further, within these rights",
};

/**
 * The actions a grant carries, as checkboxes. View is always on. Only `available` actions
 * are offered (public links: view, download, comment; re-sharers: their own actions).
 */
export function ActionsField({
  value,
  onChange,
  available = ALL_ACTIONS,
  error,
  legend = "Actions",
  disabled,
}: {
  value: readonly GrantAction[];
  onChange: (actions: GrantAction[]) => void;
  available?: readonly GrantAction[];
  error?: string | undefined;
  legend?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const offered = ALL_ACTIONS.filter((a) => a === "view" || available.includes(a));
  function toggle(action: GrantAction, on: boolean) {
    const next = new Set(value);
    if (on) next.add(action);
    else next.delete(action);
    next.add("view");
    onChange(ALL_ACTIONS.filter((a) => next.has(a)));
  }
  return (
    <fieldset className="share-fieldset" aria-describedby={error ? errorId : undefined}>
      <legend className="field-label">{legend}</legend>
      <div className="share-checks">
        {offered.map((action) => (
          <label key={action} className="share-check" title={HINTS[action]}>
            <input
              type="checkbox"
              name="actions"
              value={action}
              checked={action === "view" || value.includes(action)}
              disabled={disabled || action === "view"}
              onChange={(event) => toggle(action, event.target.checked)}
            />
            <span>{ACTION_LABELS[action]}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
