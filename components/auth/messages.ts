/**
 * Sign-in messages. One message for unknown emails and wrong passwords alike: the login page
 * never reveals whether an account exists.
 */
export const INVALID_CREDENTIALS = "Invalid email or password.";

/** The message for an error code next-auth put in the URL (?error=...) after a redirect. */
export function loginErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return code === "CredentialsSignin" ? INVALID_CREDENTIALS : "Could not sign in. Please try again.";
}
