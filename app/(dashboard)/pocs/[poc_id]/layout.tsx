import type { ReactNode } from "react";
import { loadPocSummary } from "./data";

/**
 * The access gate of every /pocs/[poc_id] page. It runs before the page's loading skeleton
 * starts the stream, so a POC the viewer cannot see (another tenant's, say) answers HTTP 404.
 */
export default async function PocLayout({ children, params }: { children: ReactNode; params: Promise<{ poc_id: string }> }) {
  await loadPocSummary((await params).poc_id);
  return children;
}
