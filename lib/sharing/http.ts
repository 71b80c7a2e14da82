/** Headers of every response reachable through a share token (DESIGN "Public links"). */
export const SHARE_HEADERS: Record<string, string> = {
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex, nofollow",
  "cache-control": "private, no-store",
  "x-content-type-options": "nosniff",
};

/** Share pages run no script at all and load nothing from other origins. */
export const SHARE_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** The viewer-pass cookie of share pages; its Path is the link's own /share/{token}. */
export const SHARE_PASS_COOKIE = "pm_share";

/** The share page's pending one-time-code request (which email the code went to), path-scoped like the pass. */
export const SHARE_CODE_COOKIE = "pm_share_code";

/** An HttpOnly cookie scoped to one link's pages; `expiresAt` null deletes it. */
export function shareCookie(name: string, token: string, value: string, expiresAt: Date | null, secure: boolean): string {
  const path = `/share/${encodeURIComponent(token)}`;
  const expires = expiresAt ? expiresAt.toUTCString() : new Date(0).toUTCString();
  return `${name}=${expiresAt ? value : ""}; Path=${path}; Expires=${expires}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
