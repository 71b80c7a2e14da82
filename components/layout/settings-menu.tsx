"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { ChevronDown } from "lucide-react";
import { SETTINGS_LINKS } from "./settings-links";

/**
 * The "Settings" group of the main navigation (tenant admins): a disclosure button that shows
 * the settings pages as a list of links (the WAI disclosure-navigation pattern, not a menu
 * widget). It closes on Escape, on a click outside and after navigating.
 */
export function SettingsMenu() {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState(pathname);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listId = useId();
  const inSettings = pathname.startsWith("/settings/") || pathname === "/settings";

  // Navigating closes the group (derived during render, no effect needed).
  if (open && openedAt !== pathname) {
    setOpen(false);
    setOpenedAt(pathname);
  }

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    }
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  return (
    <div className="nav-group" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className={`nav-link nav-group-button${inSettings ? " is-current" : ""}`}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => {
          setOpenedAt(pathname);
          setOpen((value) => !value);
        }}
      >
        Settings
        <ChevronDown className="nav-caret" size={14} aria-hidden="true" />
      </button>
      <ul id={listId} className="nav-group-list" hidden={!open}>
        {SETTINGS_LINKS.map((link) => {
          const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <li key={link.href}>
              <Link href={link.href} className="nav-group-link" aria-current={current ? "page" : undefined} onClick={() => setOpen(false)}>
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
