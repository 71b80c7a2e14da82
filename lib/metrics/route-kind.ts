/**
 * The kind of route a request path belongs to, for request counts and latency histograms. A
 * small fixed set (never the path itself: tokens and ids would make every URL its own series).
 */
export const ROUTE_KINDS = ["share", "public_api", "api", "page", "scim", "embed", "export", "auth", "static", "system"] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];

const SYSTEM_PATHS = new Set(["/api/health", "/api/ready", "/api/metrics"]);
const STATIC_FILES = new Set(["/favicon.ico", "/icon.svg", "/robots.txt"]);

export function routeKind(url: string | undefined): RouteKind {
  const raw = url ?? "/";
  const end = raw.search(/[?#]/);
  const path = end === -1 ? raw : raw.slice(0, end);
  // Exports first: /share/{token}/export.csv and /api/v1/pocs/{id}/export.pdf are exports, whoever asks.
  if (/\/export(\.[a-z]+)?(\/|$)/i.test(path)) return "export";
  if (path === "/share" || path.startsWith("/share/")) return "share";
  if (path.startsWith("/embed/")) return "embed";
  if (path.startsWith("/api/v1/public/")) return "public_api";
  if (path === "/scim/v2" || path.startsWith("/scim/v2/")) return "scim";
  if (SYSTEM_PATHS.has(path)) return "system";
  if (path.startsWith("/api/auth/")) return "auth";
  if (path.startsWith("/api/")) return "api";
  if (path.startsWith("/_next/") || STATIC_FILES.has(path)) return "static";
  return "page";
}
