import { PocView } from "@/components/poc-view/poc-view";
import { GuestCommentForm } from "@/components/share-page/guest-comment-form";
import { GuestReply } from "@/components/share-page/guest-reply";
import { ShareFrame } from "@/components/share-page/share-frame";
import { exportDownloads } from "@/lib/exports/formats";
import { sharePath, type SharePageState } from "@/lib/sharing/page";
import { guestCommentAction } from "./actions";

type OpenedShare = Extract<SharePageState, { kind: "view" }>;

/** An opened link's page body: the one POC view, read-only but for what the link allows. */
export function SharePocView({ token, state }: { token: string; state: OpenedShare }) {
  const { view, actions, viewerEmail, verifiedEmail } = state;
  const comment = actions.includes("comment") ? guestCommentAction.bind(null, token) : null;
  return (
    <ShareFrame organisation={view.organisation}>
      <title>{view.title}</title>
      <PocView
        view={view}
        can={{
          mode: "guest",
          edit: null,
          comment: comment
            ? {
                newThread: <GuestCommentForm action={comment} viewerEmail={viewerEmail} verifiedEmail={verifiedEmail} />,
                reply: (c) => <GuestReply action={comment} viewerEmail={viewerEmail} verifiedEmail={verifiedEmail} parentId={c.id} />,
              }
            : null,
          downloads: actions.includes("download") ? exportDownloads(sharePath(token)) : [],
          watermark: viewerEmail ? { email: viewerEmail, at: new Date() } : null,
        }}
      />
    </ShareFrame>
  );
}
