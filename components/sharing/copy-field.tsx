"use client";

import { useEffect, useId, useRef, useState } from "react";
import styles from "./copy-field.module.css";

type Status = { kind: "copied" | "manual"; text: string } | null;

/**
 * A read-only input holding a URL, with a Copy button. "Copied!" shows for a moment; without
 * the clipboard API (plain HTTP, a refused permission) the text is selected for Ctrl+C.
 */
export function CopyField({
  value,
  label,
  copyLabel,
  compact = false,
  hideLabel = false,
  autoFocus = false,
}: {
  value: string;
  label: string;
  /** Accessible name of the Copy button when "Copy" alone is ambiguous (tables). */
  copyLabel?: string;
  compact?: boolean;
  hideLabel?: boolean;
  /** Focus (and select) the URL when shown, e.g. right after the link was created. */
  autoFocus?: boolean;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<Status>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (autoFocus) {
      input.current?.focus();
      input.current?.select();
    }
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [autoFocus]);

  function show(next: Status) {
    if (timer.current) clearTimeout(timer.current);
    setStatus(next);
    if (next?.kind === "copied") timer.current = setTimeout(() => setStatus(null), 2500);
  }

  function selectText() {
    input.current?.focus();
    input.current?.select();
  }

  async function copy() {
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard API");
      await navigator.clipboard.writeText(value);
      show({ kind: "copied", text: "Copied!" });
    } catch {
      selectText();
      let copied = false;
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false;
      }
      show(copied ? { kind: "copied", text: "Copied!" } : { kind: "manual", text: "Press Ctrl+C (⌘C on a Mac) to copy the selected link." });
    }
  }

  return (
    <div className={`${styles.field}${compact ? ` ${styles.compact}` : ""}`}>
      <label htmlFor={id} className={hideLabel ? "visually-hidden" : "field-label"}>
        {label}
      </label>
      <div className={styles.row}>
        <input id={id} ref={input} className={`input ${styles.input}${compact ? " input-sm" : ""}`} value={value} readOnly onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
        <button type="button" className={`btn btn-secondary${compact ? " btn-sm" : ""}`} onClick={copy} aria-label={copyLabel}>
          Copy
        </button>
      </div>
      <span className={`${styles.feedback} small${status?.kind === "manual" ? ` ${styles.manual}` : ""}`} role="status" aria-live="polite" data-copy-feedback>
        {status?.text ?? ""}
      </span>
    </div>
  );
}
