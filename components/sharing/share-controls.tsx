"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ShareDialog, type ShareDialogProps } from "./share-dialog";
import { ShareLinkDialog } from "./share-link-dialog";
import { Link2 } from "lucide-react";

/**
 * The POC header's sharing buttons: "Share" for everyone holding `share`, and for tenant
 * admins "Create Share Link" or "Manage Share Link" (the page tells which on first render).
 */
export function ShareControls({
  share,
  link,
}: {
  share: ShareDialogProps | null;
  /** Tenant admins only. */
  link: { pocId: string; pocTitle: string; hasLiveLink: boolean } | null;
}) {
  return (
    <>
      {share ? <ShareButton {...share} /> : null}
      {link ? <ShareLinkButton {...link} /> : null}
    </>
  );
}

function ShareButton(props: ShareDialogProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-primary" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Share
      </button>
      {open ? <ShareDialog {...props} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ShareLinkButton({ pocId, pocTitle, hasLiveLink }: { pocId: string; pocTitle: string; hasLiveLink: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // Flips at once after a create or delete; the server's answer (router.refresh) wins after.
  const [hasLink, setHasLink] = useState(hasLiveLink);
  const [seen, setSeen] = useState(hasLiveLink);
  if (seen !== hasLiveLink) {
    setSeen(hasLiveLink);
    setHasLink(hasLiveLink);
  }

  return (
    <>
      <button type="button" className="btn btn-secondary" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        <Link2 size={16} aria-hidden="true" />
        {hasLink ? "Manage Share Link" : "Create Share Link"}
      </button>
      {open ? (
        <ShareLinkDialog
          pocId={pocId}
          pocTitle={pocTitle}
          expectLink={hasLink}
          onClose={() => setOpen(false)}
          onCreated={() => {
            setHasLink(true);
            router.refresh();
          }}
          onDeleted={() => {
            setHasLink(false);
            setOpen(false);
            router.refresh();
          }}
        />
      ) : null}
    </>
  );
}
