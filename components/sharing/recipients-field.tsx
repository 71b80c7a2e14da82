"use client";

import { X } from "lucide-react";
import { useId, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import { Field } from "@/components/ui/field";
import type { MemberOption } from "./grant-form";
import { looksLikeEmail, splitEmails } from "./share-copy";
import styles from "./recipients-field.module.css";

const MAX_SUGGESTIONS = 6;

/**
 * Who to share with: several emails at once (typed, or pasted separated by commas or spaces),
 * each a removable chip, and members of the organisation suggested by name as you type. The
 * input is an ARIA combobox with a listbox (arrow keys, Enter, Escape), not a <datalist>.
 */
export function RecipientsField({
  recipients,
  onRecipientsChange,
  draft,
  onDraftChange,
  members,
  error,
  invalid = [],
  disabled,
}: {
  recipients: string[];
  onRecipientsChange: (next: string[]) => void;
  draft: string;
  onDraftChange: (next: string) => void;
  members: MemberOption[];
  error?: string | undefined;
  /** Chips to mark as refused (the server said no, or not an email). */
  invalid?: string[];
  disabled?: boolean;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const query = draft.trim().toLowerCase();
  const suggestions = members
    .filter((m) => !recipients.includes(m.email.toLowerCase()) && (query === "" || m.name.toLowerCase().includes(query) || m.email.toLowerCase().includes(query)))
    .slice(0, MAX_SUGGESTIONS);
  const expanded = open && suggestions.length > 0 && !disabled;
  const activeIndex = Math.min(active, suggestions.length - 1);

  function add(emails: string[]) {
    const fresh = emails.filter((e) => !recipients.includes(e));
    if (fresh.length > 0) onRecipientsChange([...recipients, ...fresh]);
  }

  function pick(member: MemberOption) {
    add([member.email.toLowerCase()]);
    onDraftChange("");
    setActive(0);
  }

  function change(value: string) {
    // A separator ends an email: what came before it becomes chips, the rest stays typed.
    if (/[\s,;]/.test(value)) {
      const parts = value.split(/[\s,;]+/);
      const rest = parts.pop() ?? "";
      add(splitEmails(parts.join(" ")));
      onDraftChange(rest);
    } else {
      onDraftChange(value);
    }
    setOpen(true);
    setActive(0);
  }

  function paste(event: ClipboardEvent<HTMLInputElement>) {
    const text = event.clipboardData.getData("text");
    if (!/[\s,;]/.test(text.trim())) return;
    event.preventDefault();
    add(splitEmails(`${draft} ${text}`));
    onDraftChange("");
  }

  function keyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!expanded) return setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((activeIndex + step + suggestions.length) % suggestions.length);
    } else if (event.key === "Enter" && expanded && suggestions[activeIndex] && query !== "") {
      event.preventDefault();
      pick(suggestions[activeIndex]);
    } else if (event.key === "Escape" && expanded) {
      // Close the list, not the dialog.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    } else if (event.key === "Backspace" && draft === "" && recipients.length > 0) {
      onRecipientsChange(recipients.slice(0, -1));
    }
  }

  return (
    <Field
      label="Email addresses"
      name="email"
      error={error}
      className={styles.wrap}
      hint="Several at once: separate them with commas or spaces. Someone without an account gets an invitation by email."
    >
      {(control) => (
        <>
          <div className={`input ${styles.box}`} data-disabled={disabled || undefined}>
            {recipients.length > 0 ? (
              <ul className={styles.chips} aria-label="Recipients">
                {recipients.map((email) => {
                  const refused = invalid.includes(email) || !looksLikeEmail(email);
                  const member = members.find((m) => m.email.toLowerCase() === email);
                  return (
                    <li key={email} className={`${styles.chip}${refused ? ` ${styles.chipInvalid}` : ""}`}>
                      <span>{member ? `${member.name} (${email})` : email}</span>
                      <button type="button" className={styles.chipRemove} aria-label={`Remove ${email}`} onClick={() => onRecipientsChange(recipients.filter((r) => r !== email))} disabled={disabled}>
                        <X size={14} aria-hidden="true" />
                      </button>
                    </li>
                  );
                })}
              </ul>
            ) : null}
            <input
              {...control}
              data-autofocus
              className={styles.input}
              type="text"
              inputMode="email"
              role="combobox"
              aria-autocomplete="list"
              aria-expanded={expanded}
              aria-controls={`${id}-listbox`}
              aria-activedescendant={expanded ? `${id}-option-${activeIndex}` : undefined}
              autoComplete="off"
              spellCheck={false}
              placeholder={recipients.length > 0 ? "Add another…" : "name@company.com, or a name"}
              value={draft}
              disabled={disabled}
              onChange={(event) => change(event.target.value)}
              onPaste={paste}
              onKeyDown={keyDown}
              onBlur={() => {
                setOpen(false);
                // Leaving the field keeps what was typed as a recipient.
                if (looksLikeEmail(draft.trim())) {
                  add([draft.trim().toLowerCase()]);
                  onDraftChange("");
                }
              }}
            />
          </div>
          <ul id={`${id}-listbox`} role="listbox" aria-label="Members" className={styles.listbox} hidden={!expanded}>
            {suggestions.map((m, index) => (
              <li
                key={m.id}
                id={`${id}-option-${index}`}
                role="option"
                aria-selected={index === activeIndex}
                className={styles.option}
                // Before the input's blur: a click picks, it does not close the list first.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pick(m)}
              >
                <span className={styles.optionName}>{m.name}</span>
                <span className="muted small">{m.email}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Field>
  );
}
