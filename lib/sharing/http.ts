/** Headers of every response reachable through a share token (DESIGN "Public links"). */
export const SHARE_HEADERS: Record<string, string> = {
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex, nofollow",
  "cache-control": "private, no-store",
  "x-content-type-options": "nosniff",
};


/** The viewer-pass cookie of share pages; its Path is the link's own /share/{token}. */
export const SHARE_PASS_COOKIE = "pm_share";
