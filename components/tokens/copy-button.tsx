"use client";

import { useState } from "react";

/** Copies `text` to the clipboard and says so in a polite live region. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [status, setStatus] = useState("");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("Copied to the clipboard.");
    } catch {
      setStatus("Could not copy automatically: select the token and copy it by hand.");
    }
  }
  return (
    <>
      <button type="button" className="btn btn-secondary btn-sm" onClick={copy}>
        {label}
      </button>
      <span className="copy-status small" role="status" aria-live="polite">
        {status}
      </span>
    </>
  );
}
