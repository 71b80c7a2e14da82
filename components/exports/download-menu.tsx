"use client";

/**
 * The POC's Download menu: a button that opens a list of the export files the viewer may
 * download (the downloads slot of the POC view). Plain links with `download`, so the browser
 * streams the file; keyboard: Enter/Space/ArrowDown opens, arrows move, Escape closes.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { ExportDownload } from "@/lib/exports/formats";
import styles from "./download-menu.module.css";

export function DownloadMenu({ downloads, watermarked = false }: { downloads: ExportDownload[]; watermarked?: boolean }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    root.current?.querySelector<HTMLAnchorElement>("a")?.focus();
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  const items = () => [...(root.current?.querySelectorAll<HTMLAnchorElement>("a[role=menuitem]") ?? [])];
  function onMenuKey(e: KeyboardEvent) {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLAnchorElement);
    if (e.key === "Escape") {
      setOpen(false);
      button.current?.focus();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      list[(at + (e.key === "ArrowDown" ? 1 : list.length - 1)) % list.length]?.focus();
    } else if (e.key === "Tab") setOpen(false);
  }

  if (downloads.length === 0) return null;
  return (
    <div className={styles.root} ref={root}>
      <button
        ref={button}
        type="button"
        className="btn btn-secondary"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((v) => !v)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        Download
        <span aria-hidden="true" className={styles.caret}>
          ▾
        </span>
      </button>
      {open ? (
        <div className={styles.menu} id={menuId} role="menu" aria-label="Download this POC" onKeyDown={onMenuKey}>
          {downloads.map((d) => (
            <a key={d.href} role="menuitem" className={styles.item} href={d.href} download onClick={() => setOpen(false)}>
              {d.label}
            </a>
          ))}
          <p className={styles.note}>
            {watermarked ? "Files carry your email, the time and an export id." : "Each file carries an export id that is logged."}
          </p>
        </div>
      ) : null}
    </div>
  );
}
