import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SignOutEverywhere } from "@/components/account/sign-out-everywhere";
import { requirePageActor } from "@/lib/auth/page";
import { changePasswordAction, signOutEverywhereAction } from "./actions";
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
        <SignOutEverywhere action={signOutEverywhereAction} />
      </section>
    </div>
  );
}
