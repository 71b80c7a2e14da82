/**
 * Headers of every embed response. The one framable route of the app: frame-ancestors lists
 * exactly the grant's origins ('none' when the token names no grant), and no X-Frame-Options.
 */
import { SHARE_HEADERS } from "@/lib/sharing/http";

/** Set by the proxy on the request once it has put the framing headers on the response. */
export function frameAncestors(origins: readonly string[]): string {
  return origins.length > 0 ? origins.join(" ") : "'none'";
}

/** The CSP of embed pages: server HTML that needs no script, framable only by the grant's origins. */
export function embedCsp(origins: readonly string[]): string {
  return `default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors ${frameAncestors(origins)}`;
}

export function embedHeaders(origins: readonly string[]): Record<string, string> {
  return { ...SHARE_HEADERS, "x-robots-tag": "noindex, nofollow", "content-security-policy": embedCsp(origins) };
}
