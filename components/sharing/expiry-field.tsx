"use client";

import { Field } from "@/components/ui/field";
import { formatLocalWithZone, localTimeZone, relativeExpiry } from "./format";

/** "keep" (editing only), "none", a preset in days, or a custom local date and time. */
export type ExpiryChoice = "keep" | "none" | "1" | "7" | "30" | "custom";
export type ExpiryValue = { choice: ExpiryChoice; custom: string };

const PRESETS: { value: ExpiryChoice; label: string }[] = [
  { value: "none", label: "No expiry" },
  { value: "1", label: "In 1 day" },
  { value: "7", label: "In 7 days" },
  { value: "30", label: "In 30 days" },
  { value: "custom", label: "Custom date and time" },
];

/** A new grant starts without expiry; an edit keeps the current one until changed. */
export const initialExpiry = (editing: boolean): ExpiryValue => ({ choice: editing ? "keep" : "none", custom: "" });

const pad = (n: number) => String(n).padStart(2, "0");

/** A Date as the value of <input type="datetime-local"> in the browser's time zone. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * The API value of the choice, computed now (presets count from the moment of saving):
 * undefined keeps the current expiry, null removes it, else a UTC RFC 3339 string.
 */
export function expiryToApi(value: ExpiryValue, now = Date.now()): { ok: true; value: string | null | undefined } | { ok: false; message: string } {
  switch (value.choice) {
    case "keep":
      return { ok: true, value: undefined };
    case "none":
      return { ok: true, value: null };
    case "custom": {
      if (!value.custom) return { ok: false, message: "Pick a date and time" };
      // A datetime-local value has no offset: the Date constructor reads it in local time.
      const date = new Date(value.custom);
      if (Number.isNaN(date.getTime())) return { ok: false, message: "Pick a valid date and time" };
      if (date.getTime() <= now) return { ok: false, message: "Must be in the future" };
      return { ok: true, value: date.toISOString() };
    }
    default:
      return { ok: true, value: new Date(now + Number(value.choice) * 24 * 60 * 60 * 1000).toISOString() };
  }
}

/** Describes an expiry in words and in the viewer's own time zone. */
export function describeExpiry(expiresAt: string | null): string {
  if (!expiresAt) return "No expiry";
  return `${relativeExpiry(expiresAt)} · ${formatLocalWithZone(expiresAt)}`;
}

/**
 * Expiry presets ("In 7 days"...) or a custom date and time, read in the viewer's time zone
 * and sent as UTC. With `current` (an edit), a first option keeps the current expiry.
 */
export function ExpiryField({
  value,
  onChange,
  current,
  error,
  label = "Expiry",
  name = "expiry",
  disabled,
}: {
  value: ExpiryValue;
  onChange: (value: ExpiryValue) => void;
  /** The grant's expiry when editing (null: none); undefined for a new grant. */
  current?: string | null;
  error?: string | undefined;
  label?: string;
  name?: string;
  disabled?: boolean;
}) {
  const editing = current !== undefined;
  const zone = localTimeZone();
  const custom = value.choice === "custom";
  return (
    <div className="share-expiry">
      <Field label={label} name={name} error={custom ? undefined : error} hint={editing ? `Currently: ${describeExpiry(current)}` : undefined}>
        {(control) => (
          <select
            {...control}
            className="input"
            value={value.choice}
            disabled={disabled}
            onChange={(event) => onChange({ ...value, choice: event.target.value as ExpiryChoice })}
          >
            {editing ? <option value="keep">Keep current expiry</option> : null}
            {PRESETS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {custom ? (
        <Field label="Expires at" name={`${name}_custom`} error={error} hint={`Date and time in your time zone (${zone})`}>
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              className="input"
              value={value.custom}
              min={toLocalInput(new Date())}
              disabled={disabled}
              onChange={(event) => onChange({ ...value, custom: event.target.value })}
            />
          )}
        </Field>
      ) : null}
    </div>
  );
}
