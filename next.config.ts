import type { NextConfig } from "next";
import { SHARE_HEADERS, SHARE_PAGE_CSP } from "./lib/sharing/http";

// Every page refuses to be framed and keeps referrers same-site.
const securityHeaders = [
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

// Capability URLs (share pages and the anonymous API) send their own, stricter set. Config
// headers override a route's headers, so the two sets must never match the same path.
const shareHeaders = [
  ...Object.entries(SHARE_HEADERS).map(([key, value]) => ({ key, value })),
  { key: "Content-Security-Policy", value: SHARE_PAGE_CSP },
  { key: "X-Frame-Options", value: "DENY" },
];

// Invitation pages carry a single-use token in the path: same as every page, minus the referrer.
const inviteHeaders = securityHeaders.map((h) => (h.key === "Referrer-Policy" ? { ...h, value: "no-referrer" } : h));

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files at run time; bundling it breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  poweredByHeader: false,
  // Sources without named parameters: Next.js substitutes parameters into every header value
  // that contains a colon (the CSP's "data:"), compiling a path pattern per header per request.
  async headers() {
    return [
      { source: "/((?!share$|share/|api/v1/public/|invite/|embed/).*)", headers: securityHeaders },
      // Embeds: framable by their grant's origins only; the response itself carries that CSP.
      { source: "/embed/(.*)", headers: Object.entries(SHARE_HEADERS).map(([key, value]) => ({ key, value })) },
      { source: "/invite/(.*)", headers: [...inviteHeaders, { key: "X-Robots-Tag", value: "noindex, nofollow" }] },
      { source: "/share", headers: shareHeaders },
      { source: "/share/(.*)", headers: shareHeaders },
      { source: "/api/v1/public/(.*)", headers: shareHeaders },
    ];
  },
};

export default nextConfig;
