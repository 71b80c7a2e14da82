"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/auth/page";

/** A button that emails something again (a password link, an invitation); says that it went, or why not. */
export function SendButton({ label, ariaLabel, sentText, send }: { label: string; ariaLabel: string; sentText: string; send: () => Promise<ActionResult<unknown>> }) {
  const [message, setMessage] = useState<{ kind: "sent" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  function onClick() {
    setMessage(null);
    startTransition(async () => {
      const result = await send().catch(() => ({ ok: false as const, message: "Could not reach the server. Try again." }));
      setMessage(result.ok ? { kind: "sent", text: sentText } : { kind: "error", text: result.message });
    });
  }
  return (
    <span className="send-button">
      <button type="button" className="btn btn-secondary btn-sm" onClick={onClick} disabled={pending} aria-label={ariaLabel}>
        {pending ? "Sending…" : label}
      </button>
      <span className={message?.kind === "error" ? "field-error" : "save-status small"} role={message?.kind === "error" ? "alert" : "status"}>
        {message?.text ?? ""}
      </span>
    </span>
  );
}
