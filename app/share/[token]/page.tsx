import type { Metadata } from "next";
import { EmailGate } from "@/components/share-page/email-gate";
import { PasswordGate } from "@/components/share-page/password-gate";
import { RequestAccessForm } from "@/components/share-page/request-access-form";
import { ShareFrame } from "@/components/share-page/share-frame";
import { ShareMessage, shareMessageTitle } from "@/components/share-page/share-message";
import { VerifyCodeGate, VerifyEmailGate } from "@/components/share-page/verify-gates";
import { loadSharePage } from "@/lib/sharing/page";
import { requestAccessAction } from "./request-access-action";
import { SharePocView } from "./share-poc-view";
import { changeEmailAction, identifyAction, requestCodeAction, unlockAction, verifyCodeAction } from "./actions";

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
  return <SharePocView token={token} state={state} />;
}
