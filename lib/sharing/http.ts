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
