import type { ReactNode } from "react";
import { Watermark } from "@/components/poc-view/watermark";
import { requirePageActor } from "@/lib/auth/page";
import { loadPocSummary } from "./data";

/**
 * The access gate of every /pocs/[poc_id] page. It runs before the page's loading skeleton
 * starts the stream, so a POC the viewer cannot see (another tenant's, say) answers HTTP 404.
 * When the viewer's grant asks for a watermark, their email is tiled over every page here.
 */
export default async function PocLayout({ children, params }: { children: ReactNode; params: Promise<{ poc_id: string }> }) {
  const poc = await loadPocSummary((await params).poc_id);
  const actor = poc.permissions.watermark ? await requirePageActor() : null;
  return (
    <>
      {children}
      {actor ? <Watermark email={actor.email} at={new Date()} /> : null}
    </>
  );
}
