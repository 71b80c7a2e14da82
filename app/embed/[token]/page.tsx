import { exportDownloads } from "@/lib/exports/formats";
import type { Metadata } from "next";
import { EmbedCommentForm } from "@/components/embed/embed-comment-form";
import { EmbedFrame } from "@/components/embed/embed-frame";
import { EmbedMessage, embedMessageTitle } from "@/components/embed/embed-message";
import { PocView } from "@/components/poc-view/poc-view";
import { embedPath, loadEmbedPage } from "@/lib/embed/page";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// Capability URLs: never indexed, never followed (the headers say so too).
export const metadata: Metadata = { robots: { index: false, follow: false } };

/**
 * The embed: the one POC view, read-only but for what the grant allows, in a compact frame
 * without the app's chrome. Framable only by the grant's origins; its status says what it
 * shows (200, 401 bad token, 403 revoked or expired, 404 unknown).
 */
export default async function EmbedPage({ params, searchParams }: Props) {
  const { token } = await params;
  const state = await loadEmbedPage(token);
  if (state.kind === "error") {
    return (
      <EmbedFrame>
        <title>{embedMessageTitle(state.code)}</title>
        <EmbedMessage code={state.code} />
      </EmbedFrame>
    );
  }
  const { view, actions, watermark } = state;
  // Only a fixed word from our own redirect: nothing a link can inject.
  const outcome = (await searchParams).comment;
  const notice = outcome === "posted" ? "Your comment was posted." : outcome === "invalid" ? "Your comment was not posted: give your name, a valid email and some text." : null;
  return (
    <EmbedFrame>
      <title>{view.title}</title>
      <PocView
        view={view}
        can={{
          mode: "embed",
          edit: null,
          comment: actions.includes("comment")
            ? {
                newThread: <EmbedCommentForm token={token} notice={notice} />,
                reply: (c) => (
                  <details className="guest-reply">
                    <summary className="btn btn-link btn-sm">Reply</summary>
                    <EmbedCommentForm token={token} parentId={c.id} />
                  </details>
                ),
              }
            : null,
          downloads: actions.includes("download") ? exportDownloads(embedPath(token)) : [],
          watermark: watermark ? { email: watermark, at: new Date() } : null,
        }}
      />
    </EmbedFrame>
  );
}
