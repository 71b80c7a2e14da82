"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ShareDialog, type ShareDialogProps } from "./share-dialog";

/** The POC header's Share button (everyone holding `share`): the one Share dialog. */
export function ShareControls({ share }: { share: ShareDialogProps }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-primary" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Share
      </button>
      {/* A created or deleted public link changes the page (its header, the access notice). */}
      {open ? <ShareDialog {...share} onClose={() => setOpen(false)} onLinkChange={() => router.refresh()} /> : null}
    </>
  );
}
