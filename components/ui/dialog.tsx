"use client";

import { X } from "lucide-react";
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from "react";
import styles from "./dialog.module.css";

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog on the native <dialog> element, open while it is mounted (render it only when
 * it should show). The page behind it is inert, Tab cycles inside it, Escape and a click on the
 * backdrop call `onClose` (unless `dismissible` is false), and focus returns to the element
 * that had it before. With a `footer`, the dialog never grows past the window: its body
 * scrolls between the title bar (with a × button) and the footer, which stays visible.
 */
export function Dialog({
  onClose,
  title,
  description,
  dismissible = true,
  footer,
  wide = false,
  children,
}: {
  onClose: () => void;
  title: string;
  description?: ReactNode;
  dismissible?: boolean;
  /** Always visible under the scrolling body (Done, Cancel...). Also adds the × button. */
  footer?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    // showModal focuses the first control (the × button); a control marked data-autofocus wins.
    dialog?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => {
      dialog?.close();
      // The opener may be gone (a deleted row): then focus stays where the browser puts it.
      if (returnFocus?.isConnected) returnFocus.focus();
    };
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== "Tab") return;
    // A dialog opened from inside another (a confirmation) traps Tab alone: React would
    // otherwise hand the same event to the outer dialog's handler too.
    event.stopPropagation();
    const items = Array.from(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  const heading = (
    <h2 id={titleId} className="dialog-title">
      {title}
    </h2>
  );
  const about = description ? (
    <div id={descriptionId} className="dialog-description">
      {description}
    </div>
  ) : null;
  return (
    <dialog
      ref={ref}
      className={`dialog${footer ? ` ${styles.framed}` : ""}${wide ? ` ${styles.wide}` : ""}`}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        // Escape: let the parent decide (it owns `open`), and keep the dialog open while busy.
        // Stop here so an outer dialog (React bubbles synthetic events) stays open.
        event.preventDefault();
        event.stopPropagation();
        if (dismissible) onClose();
      }}
      onClick={(event) => {
        if (event.target === ref.current && dismissible) onClose();
      }}
    >
      {footer ? (
        <div className={styles.frame}>
          <div className={styles.head}>
            {heading}
            <button type="button" className={`btn btn-ghost btn-sm ${styles.close}`} aria-label="Close" onClick={onClose}>
              <X size={18} aria-hidden="true" />
            </button>
          </div>
          <div className={styles.scroll}>
            {about}
            {children}
          </div>
          <div className={styles.foot}>{footer}</div>
        </div>
      ) : (
        <div className="dialog-body">
          {heading}
          {about}
          {children}
        </div>
      )}
    </dialog>
  );
}
