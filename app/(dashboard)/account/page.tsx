import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import Link from "next/link";
import { SignOutEverywhere } from "@/components/account/sign-out-everywhere";
import { InlineForm } from "@/components/ui/inline-form";
import { requirePageActor } from "@/lib/auth/page";
import { changePasswordAction, signOutEverywhereAction, updateNameAction } from "./actions";
import styles from "@/components/account/account.module.css";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const actor = await requirePageActor();
  return (
    <div className={styles.page}>
      <h1>Account</h1>
      <p className="muted lead">
        Signed in as <strong>{actor.name}</strong> ({actor.email}).
      </p>
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading" className="card-title">
          Your name
        </h2>
        <p className="muted small">Shown on your comments, tasks and shares.</p>
        <InlineForm field="name" label="Name" submitLabel="Save name" defaultValue={actor.name} maxLength={100} autoComplete="name" resetOnDone={false} doneMessage="Name saved." action={updateNameAction} />
      </section>
      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading" className="card-title">
          Change password
        </h2>
        <p className="muted small">Changing your password signs you out on every other browser and device.</p>
        <ChangePasswordForm action={changePasswordAction} />
      </section>
      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="card-title">
          Sessions
        </h2>
        <p className="muted small">Lost a laptop, or signed in on a shared computer? End every session of your account, this one included.</p>
        <div className={styles.action}>
          <SignOutEverywhere action={signOutEverywhereAction} />
        </div>
      </section>
      {actor.role === "tenant_admin" ? (
        <section className="card" aria-labelledby="tokens-heading">
          <h2 id="tokens-heading" className="card-title">
            API tokens
          </h2>
          <p className="muted small">
            Scripts and integrations call the API with a token. <Link href="/settings/api-tokens">Manage API tokens</Link> ·{" "}
            <Link href="/docs/api">API reference</Link>
          </p>
        </section>
      ) : (
        <p className="muted small">
          Integrations use API tokens, which tenant admins create. <Link href="/docs/api">API reference</Link>
        </p>
      )}
    </div>
  );
}
