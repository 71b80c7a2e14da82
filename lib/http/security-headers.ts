/**
 * The security headers of every response, decided in one place from the path (pure: no Next,
 * no I/O). The entry server applies them when a response head is written, so they also reach
 * what no page or route handler renders: Next.js's trailing-slash redirects, its 404 and error
 * pages, static files.
 *
 * Kinds of response:
 *  - share: anything reachable through a share token (/share/…, /api/v1/public/…), with the
 *    capability-URL headers (DESIGN "Public links") and a strict CSP;
 *  - embed: /embed/… — framable only by the origins its grant names (set per response through
 *    lib/http/response-context `allowFramingBy`), never framable without them;
 *  - invite: single-use invitation pages, the app's CSP without referrers or indexing;
 *  - app: everything else.
 */
import { SHARE_HEADERS } from "@/lib/sharing/http";

export type ResponseKind = "share" | "embed" | "invite" | "app";

export function responseKindOf(pathname: string): ResponseKind {
  if (pathname === "/share" || pathname.startsWith("/share/") || pathname.startsWith("/api/v1/public/")) return "share";
  if (pathname === "/embed" || pathname.startsWith("/embed/")) return "embed";
  if (pathname.startsWith("/invite/")) return "invite";
  return "app";
}

export type HeaderOptions = {
  /** Fresh per request (base64): Next.js puts it on its own scripts; nothing else runs. */
  nonce: string;
  /** APP_URL is https: browsers are told to use nothing else (HSTS). */
  https: boolean;
  /** `next dev` needs eval (React's debugging) and its HMR websocket. */
  dev: boolean;
  /** Embed responses: the origins that may frame them (empty: none). */
  frameAncestors?: string[];
};

function contentSecurityPolicy(kind: ResponseKind, o: HeaderOptions): string {
  const frameAncestors = kind === "embed" && o.frameAncestors?.length ? o.frameAncestors.join(" ") : "'none'";
  const directives = [
    // Share pages allow nothing by default; the signed-in app its own origin.
    kind === "app" || kind === "invite" ? "default-src 'self'" : "default-src 'none'",
    `script-src 'self' 'nonce-${o.nonce}'${o.dev ? " 'unsafe-eval'" : ""}`,
    // React's style attributes (skeleton widths) need inline styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${o.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ];
  return directives.join("; ");
}

/** The headers a response of this kind gets; they replace whatever the app set for them. */
export function securityHeaders(kind: ResponseKind, o: HeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "content-security-policy": contentSecurityPolicy(kind, o),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
  };
  if (kind !== "embed") headers["x-frame-options"] = "DENY";
  if (kind === "share" || kind === "embed") Object.assign(headers, SHARE_HEADERS);
  if (kind === "invite") Object.assign(headers, { "referrer-policy": "no-referrer", "x-robots-tag": "noindex, nofollow" });
  if (o.https) headers["strict-transport-security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

/** The CSP Next.js reads from the request to find the nonce it puts on its scripts. */
export const requestCspWithNonce = (nonce: string): string => `script-src 'self' 'nonce-${nonce}'`;
