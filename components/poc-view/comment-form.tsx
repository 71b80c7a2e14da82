"use client";

import { useState } from "react";
import { InlineForm } from "@/components/ui/inline-form";
import type { ActionResult } from "@/lib/auth/page";

/**
 * A new comment, or a reply when `parentId` is set, or an edit (`initialBody`): the shared
 * InlineForm, multiline (Enter starts a new line, Ctrl/Cmd+Enter posts).
 */
export function CommentForm({
  label,
  submitLabel,
  parentId = null,
  action,
  autoFocus,
  onDone,
  onCancel,
  initialBody = "",
  internalOption,
}: {
  label: string;
  submitLabel: string;
  parentId?: string | null;
  action: (input: { body: string; parent_id: string | null; internal?: boolean }) => Promise<ActionResult<unknown>>;
  autoFocus?: boolean;
  onDone?: () => void;
  onCancel?: () => void;
  /** Editing: the text so far. */
  initialBody?: string;
  /** The organisation's name: offers "internal" (never on share links, embeds or exports). */
  internalOption?: string;
}) {
  const [internal, setInternal] = useState(false);
  return (
    <InlineForm
      field="body"
      label={label}
      submitLabel={submitLabel}
      multiline={{ rows: parentId ? 2 : 3 }}
      maxLength={5000}
      defaultValue={initialBody}
      autoFocus={autoFocus}
      className="comment-form"
      action={(input) => action({ body: input.body, parent_id: parentId, ...(internalOption ? { internal } : {}) })}
      onDone={() => {
        setInternal(false);
        onDone?.();
      }}
      onCancel={onCancel}
    >
      {internalOption ? (
        <label className="checkbox-row">
          <input type="checkbox" checked={internal} onChange={(event) => setInternal(event.target.checked)} />
          Internal: only people at {internalOption} see it (never on share links, embeds or exports)
        </label>
      ) : null}
    </InlineForm>
  );
}
