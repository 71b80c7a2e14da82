"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { messageOf, sharingKeys } from "@/components/sharing/api";
import { saveNotifyViews, type NotifyViews } from "./api";
import styles from "./activity.module.css";

export type { NotifyViews };

const CHOICES: { value: NotifyViews; label: string }[] = [
  { value: "off", label: "Never" },
  { value: "first", label: "On the first view" },
  { value: "every", label: "On every view (at most one email an hour)" },
];

/** "Email me": whether the grant's creator hears about views. Saves as soon as it changes. */
export function ViewNoticeSetting({ grantId, current }: { grantId: string; current: NotifyViews }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<NotifyViews>(current);
  const save = useMutation({
    mutationFn: (next: NotifyViews) => saveNotifyViews(grantId, next),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sharingKeys.all }),
  });
  return (
    <div className={styles.notice}>
      <label htmlFor={id} className="field-label">
        Email its creator about views
      </label>
      <select
        id={id}
        className="input"
        value={value}
        disabled={save.isPending}
        onChange={(event) => {
          const next = event.target.value as NotifyViews;
          setValue(next);
          save.mutate(next);
        }}
      >
        {CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <p className="share-notice small" role="status" aria-live="polite">
        {save.isSuccess ? "Saved." : ""}
      </p>
      <FormError message={save.isError ? messageOf(save.error) : null} />
    </div>
  );
}
