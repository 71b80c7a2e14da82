/**
 * Where to go after signing in: the requested path when it is a path on this site, otherwise
 * the POC list (SECURITY 26). The value is judged after the URL parser has normalised it, the
 * way a browser will: dot segments ("/.//evil.example", "/a/..//evil.example"), backslashes
 * (browsers read "\" as "/"), encoded forms, control characters and anything that resolves to
 * another origin or to a protocol-relative path all land on /pocs. Never throws.
 */
export const DEFAULT_AFTER_LOGIN = "/pocs";

const BASE = "http://same-site.invalid";

export function safeCallbackUrl(raw: string | null | undefined): string {
  if (typeof raw !== "string" || raw.length > 2048) return DEFAULT_AFTER_LOGIN;
  // Only plain paths; "\" and control or whitespace characters are read differently by browsers.
  if (!raw.startsWith("/") || /[\\\u0000-\u0020\u007f]/.test(raw)) return DEFAULT_AFTER_LOGIN;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
  if (url.origin !== BASE) return DEFAULT_AFTER_LOGIN;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // After normalisation the path must still be a single-slash path on this site...
  if (!path.startsWith("/") || path.startsWith("//") || /^\/[\\/]/.test(decodeSafely(url.pathname))) return DEFAULT_AFTER_LOGIN;
  // ...and resolve to this site once more (what the router will do with it).
  try {
    if (new URL(path, BASE).origin !== BASE) return DEFAULT_AFTER_LOGIN;
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
  return url.pathname === "/login" ? DEFAULT_AFTER_LOGIN : path;
}

/** "%2F%2Fevil" decodes to "//evil": refused too, in case something decodes the path once more. */
function decodeSafely(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return "//malformed";
  }
}
