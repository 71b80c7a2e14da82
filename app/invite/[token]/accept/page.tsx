import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AcceptInviteButton } from "@/components/auth/accept-invite-button";
import { InviteSignUpForm } from "@/components/auth/invite-sign-up-form";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { getPageActor } from "@/lib/auth/page";
import { inspectInvite } from "@/lib/invites/service";
import { acceptInviteAction, signUpWithInviteAction } from "./actions";
import { BrandMark } from "@/components/ui/brand-mark";
import { ROLE_LABELS } from "@/components/settings/roles";

// The token is in the path: keep it out of Referer headers and search engines.
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer", robots: { index: false, follow: false } };

type Props = { params: Promise<{ token: string }> };

export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  const [invite, actor] = await Promise.all([inspectInvite(token), getPageActor()]);
  const invitePath = `/invite/${encodeURIComponent(token)}`;
  const signInHref = `/login?callbackUrl=${encodeURIComponent(invitePath)}`;
  const home = actor ? (actor.tenantId ? "/pocs" : "/shared") : "/login";

  // Every other state answers at /invite/{token} itself, with its HTTP status (404 or 410).
  if (invite.state !== "open") redirect(invitePath);

  const what = invite.pocTitle ? (
    <>
      the proof of concept <strong>{invite.pocTitle}</strong>
    </>
  ) : (
    "a proof of concept"
  );
  const setup = invite.kind === "account_setup";
  const joining = invite.kind === "member";
  const organisation = invite.tenantName ? <strong>{invite.tenantName}</strong> : "an organisation";
  const intro = joining ? (
    <p className="muted">
      {invite.inviterName ? <strong>{invite.inviterName}</strong> : "An administrator"} invited <strong>{invite.email}</strong> to join {organisation} on
      poc-manager as <strong>{invite.role ? ROLE_LABELS[invite.role] : "Member"}</strong>.
    </p>
  ) : setup ? (
    <p className="muted">
      {invite.tenantName ? <strong>{invite.tenantName}</strong> : "Your organisation"} added <strong>{invite.email}</strong> to poc-manager through its
      identity provider.
    </p>
  ) : (
    <p className="muted">
      {invite.inviterName ? <strong>{invite.inviterName}</strong> : "Someone"} shared {what} with <strong>{invite.email}</strong>.
    </p>
  );

  if (!setup && actor && actor.email.toLowerCase() === invite.email.toLowerCase()) {
    return (
      <InviteShell eyebrow="Invitation" title="Accept your invitation">
        {intro}
        <AcceptInviteButton action={acceptInviteAction.bind(null, token)} />
      </InviteShell>
    );
  }

  if (actor) {
    return (
      <InviteShell eyebrow="Invitation" title="This invitation is for someone else">
        {intro}
        <p className="muted">
          You are signed in as <strong>{actor.email}</strong>. Sign out, then open this link again to{" "}
          {setup ? `set the password of ${invite.email}.` : `create the account for ${invite.email} or to sign in with it.`}
        </p>
        <div className="invite-actions">
          <SignOutButton callbackUrl={invitePath} label="Sign out" className="btn btn-primary" />
          <Link href={home} className="btn btn-secondary">
            Stay signed in
          </Link>
        </div>
      </InviteShell>
    );
  }

  if (setup) {
    return (
      <InviteShell eyebrow="Account setup" title="Set your password">
        {intro}
        <p className="muted small">Choose a password to sign in. This link works once.</p>
        <InviteSignUpForm
          email={invite.email}
          pocId={null}
          signInHref={signInHref}
          action={signUpWithInviteAction.bind(null, token)}
          setup={{ name: invite.accountName ?? "" }}
        />
      </InviteShell>
    );
  }

  return (
    <InviteShell eyebrow="Invitation" title={joining ? `Join ${invite.tenantName ?? "the organisation"}` : "Create your account"}>
      {intro}
      <p className="muted small">Choose your name and a password to {joining ? "join" : "open it"}. This link works once.</p>
      <InviteSignUpForm email={invite.email} pocId={invite.pocId} signInHref={signInHref} action={signUpWithInviteAction.bind(null, token)} />
      <p className="small muted invite-footnote">
        Already have an account for {invite.email}? <Link href={signInHref}>Sign in instead</Link>
      </p>
    </InviteShell>
  );
}

function InviteShell({ eyebrow, title, children }: { eyebrow: string; title: string; children: ReactNode }) {
  return (
    <main className="centered-page auth-page">
      <div className="auth-card card invite-card">
        <div className="auth-brand">
          <BrandMark />
          poc-manager
        </div>
        <p className="eyebrow invite-eyebrow">{eyebrow}</p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
