import { notFound } from "next/navigation";
import { ShareFrame } from "@/components/share-page/share-frame";
import { config } from "@/lib/config";
import { loadSharePage, type SharePageState } from "@/lib/sharing/page";
import { SharePocView } from "@/app/share/[token]/share-poc-view";

type Props = { params: Promise<{ part: string; token: string }> };

// First request's state per token, so the view renders without the data path (bench servers only).
const openedOnce = new Map<string, Promise<SharePageState>>();

/**
 * The share page taken apart for `npm run bench` (README "What bounds the page routes"), each
 * part measured against the page ceiling: `data` runs the share page's whole data path (token,
 * gates, access log) and renders only the title; `view` renders its full POC view from state
 * loaded once (no database); `view-without-tasks` the same view without its task groups.
 */
export default async function ShareFloor({ params }: Props) {
  if (!config().benchQueryCounter) notFound();
  const { part, token } = await params;
  if (part === "data") {
    const state = await loadSharePage(token);
    if (state.kind !== "view") notFound();
    return (
      <ShareFrame organisation={state.view.organisation}>
        <title>{state.view.title}</title>
        <h1>{state.view.title}</h1>
      </ShareFrame>
    );
  }
  if (part !== "view" && part !== "view-without-tasks") notFound();
  if (!openedOnce.has(token)) openedOnce.set(token, loadSharePage(token));
  const state = await openedOnce.get(token)!;
  if (state.kind !== "view") notFound();
  const view = part === "view" ? state.view : { ...state.view, task_groups: [] };
  return <SharePocView token={token} state={{ ...state, view }} />;
}
