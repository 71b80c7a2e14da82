"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/auth/page";
import { CommentForm } from "./comment-form";

/** The Reply button of a comment, opening a reply form right under it. */
export function ReplyControl({
  parentId,
  authorName,
  action,
}: {
  parentId: string;
  authorName: string;
  action: (input: { body: string; parent_id: string | null }) => Promise<ActionResult<unknown>>;
}) {
  const [open, setOpen] = useState(false);
  const refocus = useRef(false);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open && refocus.current) {
      refocus.current = false;
      button.current?.focus();
    }
  }, [open]);

  const close = () => {
    setOpen(false);
    refocus.current = true;
  };

  if (open) {
    return (
      <CommentForm
        label={`Reply to ${authorName}`}
        submitLabel="Post reply"
        parentId={parentId}
        action={action}
        autoFocus
        onDone={close}
        onCancel={close}
      />
    );
  }
  return (
    <button ref={button} type="button" className="btn btn-link btn-sm" onClick={() => setOpen(true)}>
      Reply
    </button>
  );
}
