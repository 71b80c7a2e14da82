import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackUrl } from "@/components/auth/callback-url";
import { loginErrorMessage } from "@/components/auth/messages";
import { getPageActor } from "@/lib/auth/page";
import { BrandMark } from "@/components/ui/brand-mark";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackUrl, error } = await searchParams;
  const redirectTo = safeCallbackUrl(typeof callbackUrl === "string" ? callbackUrl : null);
  if (await getPageActor()) redirect(redirectTo);
  return (
    <main className="centered-page auth-page">
      <div className="auth-card card">
        <div className="auth-brand">
          <BrandMark />
          poc-manager
        </div>
        <h1>Sign in</h1>
        <p className="muted">Run your customer proofs of concept in one place.</p>
        <LoginForm
          redirectTo={redirectTo}
          initialError={loginErrorMessage(typeof error === "string" ? error : null)}
        />
      </div>
    </main>
  );
}
