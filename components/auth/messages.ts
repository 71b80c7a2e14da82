/**
 * Sign-in messages. One message for unknown emails and wrong passwords alike: the login page
 * never reveals whether an account exists.
 */
export const INVALID_CREDENTIALS = "Invalid email or password.";
/** The same for every email, known or not (the limit counts attempts per typed email). */
export const TOO_MANY_ATTEMPTS = "Too many sign-in attempts. Wait 15 minutes, then try again.";

/** The message for an error code next-auth put in the URL (?error=...) after a redirect. */
export function loginErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  if (code === "CredentialsSignin") return INVALID_CREDENTIALS;
  if (code === "RateLimited") return TOO_MANY_ATTEMPTS;
  return "Could not sign in. Please try again.";
}
