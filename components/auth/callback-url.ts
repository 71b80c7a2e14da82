/**
 * Where to go after signing in: the requested path when it is a relative path on this site,
 * otherwise the POC list. Absolute URLs, protocol-relative URLs ("//evil.example") and
 * backslash tricks ("/\evil.example") are refused, so the login page is no open redirect.
 */
export const DEFAULT_AFTER_LOGIN = "/pocs";

export function safeCallbackUrl(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return DEFAULT_AFTER_LOGIN;
  if (/[\u0000-\u001f\u007f]/.test(raw)) return DEFAULT_AFTER_LOGIN;
  try {
    const base = "http://same-site.invalid";
    const url = new URL(raw, base);
    if (url.origin !== base) return DEFAULT_AFTER_LOGIN;
    const path = `${url.pathname}${url.search}${url.hash}`;
    return url.pathname === "/login" ? DEFAULT_AFTER_LOGIN : path;
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
}
