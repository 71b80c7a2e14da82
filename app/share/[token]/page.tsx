import type { Metadata } from "next";
import { PocView } from "@/components/poc-view/poc-view";
import { exportDownloads } from "@/lib/exports/formats";
import { EmailGate } from "@/components/share-page/email-gate";
import { GuestCommentForm } from "@/components/share-page/guest-comment-form";
import { GuestReply } from "@/components/share-page/guest-reply";
import { PasswordGate } from "@/components/share-page/password-gate";
import { RequestAccessForm } from "@/components/share-page/request-access-form";
import { ShareFrame } from "@/components/share-page/share-frame";
import { ShareMessage, shareMessageTitle } from "@/components/share-page/share-message";
import { VerifyCodeGate, VerifyEmailGate } from "@/components/share-page/verify-gates";
import { loadSharePage, sharePath } from "@/lib/sharing/page";
import { requestAccessAction } from "./request-access-action";
import { changeEmailAction, guestCommentAction, identifyAction, requestCodeAction, unlockAction, verifyCodeAction } from "./actions";

type Props = { params: Promise<{ token: string }> };

// Capability URLs: never indexed, never followed (the headers say so too).
export const metadata: Metadata = { robots: { index: false, follow: false } };

/**
 * The public share page: the one POC view, read-only but for what the link allows, behind
 * the password and email gates. Its status says what it shows (200, 401 gate, 403, 404).
 */
export default async function SharePage({ params }: Props) {
  const { token } = await params;
  const state = await loadSharePage(token);
  if (state.kind === "error") {
    return (
      <ShareFrame organisation={null}>
        <title>{shareMessageTitle(state.code)}</title>
        <ShareMessage code={state.code}>
          {/* Expired and revoked links still name a POC whose owner can be asked; an unknown one names none. */}
          {state.code === "share/not-found" ? null : <RequestAccessForm action={requestAccessAction.bind(null, token)} />}
        </ShareMessage>
      </ShareFrame>
    );
  }
  if (state.kind === "gate" && state.gate === "verify") {
    return (
      <ShareFrame organisation={null}>
        <title>Verify your email</title>
        {state.challengeEmail ? (
          <VerifyCodeGate
            email={state.challengeEmail}
            verify={verifyCodeAction.bind(null, token)}
            resend={requestCodeAction.bind(null, token)}
            changeEmail={changeEmailAction.bind(null, token)}
          />
        ) : (
          <VerifyEmailGate action={requestCodeAction.bind(null, token)} />
        )}
      </ShareFrame>
    );
  }
  if (state.kind === "gate") {
    return (
      <ShareFrame organisation={null}>
        <title>{state.gate === "password" ? "Password required" : "Email required"}</title>
        {state.gate === "password" ? <PasswordGate action={unlockAction.bind(null, token)} /> : <EmailGate action={identifyAction.bind(null, token)} />}
      </ShareFrame>
    );
  }
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
