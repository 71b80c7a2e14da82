/**
 * The one same-origin rule for cookie-authenticated writes (SECURITY 16, 31), shared by the
 * API wrapper and server actions: the Origin header must be APP_URL's origin. A missing
 * Origin is refused; the request's Host is never trusted (a client can send any).
 */
import { config } from "@/lib/config";

export const appOrigin = (): string => new URL(config().appUrl).origin;

/** Why the request is refused, or null when it comes from the app's own origin. */
export function crossOriginProblem(headers: Headers, options: { opaqueSameOrigin?: boolean } = {}): string | null {
  const origin = headers.get("origin");
  if (!origin) return "Cookie-authenticated writes need an Origin header from this site";
  // Share pages are `Referrer-Policy: no-referrer`, so browsers send `Origin: null` on their
  // own form posts; Sec-Fetch-Site (which no page can set) still says they are same-origin.
  if (options.opaqueSameOrigin && origin === "null" && headers.get("sec-fetch-site") === "same-origin") return null;
  return origin === appOrigin() ? null : "Cross-site request refused";
}
