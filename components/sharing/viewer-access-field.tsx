"use client";

import { useId } from "react";
import { Field } from "@/components/ui/field";
import { firstInvalidEntry, MAX_VIEWER_ENTRIES, splitViewerEntries } from "@/lib/sharing/viewer-entry";
import type { GrantJson, GrantPatch } from "./api";
import styles from "./viewer-access-field.module.css";

/** The dialog's editable copy of a link's viewer rules (the lists as typed). */
export type ViewerAccessValue = { requireVerified: boolean; allowed: string; denied: string };

export const initialViewerAccess = (link: GrantJson): ViewerAccessValue => ({
  requireVerified: link.require_verified_email,
  allowed: link.allowed_viewers.join("\n"),
  denied: link.denied_viewers.join("\n"),
});

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function listProblem(entries: string[]): string | null {
  if (entries.length > MAX_VIEWER_ENTRIES) return `At most ${MAX_VIEWER_ENTRIES} entries (this list has ${entries.length}).`;
  const bad = firstInvalidEntry(entries);
  return bad === null ? null : `“${bad}” is not an email address or a domain like @example.com.`;
}

/** The changed viewer options as a PATCH, or the field errors to show instead. */
export function viewerAccessPatch(link: GrantJson, value: ViewerAccessValue): { patch: GrantPatch; errors: Record<string, string> } {
  const allowed = [...new Set(splitViewerEntries(value.allowed))];
  const denied = [...new Set(splitViewerEntries(value.denied))];
  const errors: Record<string, string> = {};
  const allowedProblem = listProblem(allowed);
  const deniedProblem = listProblem(denied);
  if (allowedProblem) errors.allowed_viewers = allowedProblem;
  if (deniedProblem) errors.denied_viewers = deniedProblem;
  const patch: GrantPatch = {};
  if (!sameList(allowed, link.allowed_viewers)) patch.allowed_viewers = allowed;
  if (!sameList(denied, link.denied_viewers)) patch.denied_viewers = denied;
  const requireVerified = value.requireVerified || allowed.length > 0 || denied.length > 0;
  if (requireVerified !== link.require_verified_email) patch.require_verified_email = requireVerified;
  return { patch, errors };
}

/**
 * "Who can view" in the link's General access: a one-time email code before the POC, and
 * the allow and block lists (which need verified emails, so they switch verification on).
 */
export function ViewerAccessField({
  value,
  onChange,
  errors,
  disabled,
}: {
  value: ViewerAccessValue;
  onChange: (value: ViewerAccessValue) => void;
  errors: Record<string, string | undefined>;
  disabled: boolean;
}) {
  const ids = useId();
  const listed = splitViewerEntries(value.allowed).length > 0 || splitViewerEntries(value.denied).length > 0;
  return (
    <div className="stack">
      <label className="share-check">
        <input
          type="checkbox"
          name="require_verified_email"
          checked={value.requireVerified || listed}
          onChange={(event) => onChange({ ...value, requireVerified: event.target.checked })}
          disabled={disabled || listed}
          aria-describedby={`${ids}-verify-hint`}
        />
        <span>Viewers verify their email with a one-time code</span>
      </label>
      <p id={`${ids}-verify-hint`} className={`field-hint ${styles.hint}`}>
        {listed
          ? "On while a list below has entries: allow and block lists need proven emails."
          : "We email a 6-digit code (the email has no link). The proven email is what the watermark, the access log and comments show."}
      </p>
      {errors.require_verified_email ? <p className="field-error">{errors.require_verified_email}</p> : null}
      <div className={styles.lists}>
        <ViewerListField
          label="Allowed viewers"
          name="allowed_viewers"
          hint="Only these get a code. One per line: dana@initech.com or @initech.com. Empty: any email."
          placeholder="@initech.com"
          value={value.allowed}
          onChange={(allowed) => onChange({ ...value, allowed })}
          error={errors.allowed_viewers}
          disabled={disabled}
        />
        <ViewerListField
          label="Blocked viewers"
          name="denied_viewers"
          hint="Never get a code, even when allowed above."
          placeholder="former.partner@initech.com"
          value={value.denied}
          onChange={(denied) => onChange({ ...value, denied })}
          error={errors.denied_viewers}
          disabled={disabled}
        />
      </div>
      <p className={`field-hint ${styles.hint}`}>
        Turning verification on, blocking someone or removing someone from the allowed list asks current viewers to verify again on their next visit.
      </p>
    </div>
  );
}

/** One list of entries as a text box, with how many entries it holds. */
function ViewerListField(props: {
  label: string;
  name: string;
  hint: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  disabled: boolean;
}) {
  const n = splitViewerEntries(props.value).length;
  return (
    <Field label={props.label} name={props.name} error={props.error} hint={`${props.hint} ${n} ${n === 1 ? "entry" : "entries"} of ${MAX_VIEWER_ENTRIES}.`}>
      {(control) => (
        <textarea
          {...control}
          className={`input ${styles.list}`}
          rows={3}
          spellCheck={false}
          autoCapitalize="none"
          placeholder={props.placeholder}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
          disabled={props.disabled}
        />
      )}
    </Field>
  );
}
