import type { ReactNode } from "react";
import type { ShareErrorCode } from "@/lib/sharing/page";
import { GateCard } from "./gate-card";

const MESSAGES: Record<ShareErrorCode, { title: string; text: string }> = {
  "share/not-found": { title: "Link not found", text: "This link does not exist. Check that you copied the whole address, or ask the person who sent it for a new link." },
  "share/revoked": { title: "This link is no longer available", text: "The person who shared it has turned it off. Ask them for a new link, or request access below." },
  "share/expired": { title: "This link has expired", text: "Ask the person who shared it for a new link, or request access below." },
};

export const shareMessageTitle = (code: ShareErrorCode): string => MESSAGES[code].title;

/** Why a link does not open (the page's status says it too: 404 or 403). */
export function ShareMessage({ code, children }: { code: ShareErrorCode; children?: ReactNode }) {
  return (
    <GateCard title={MESSAGES[code].title} text={MESSAGES[code].text} code={code}>
      {children}
    </GateCard>
  );
}
