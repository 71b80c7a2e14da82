import type { NextConfig } from "next";

// Security headers (CSP with a per-request nonce, frame-ancestors, HSTS, the share headers)
// are not set here: the entry server puts them on every response, including Next.js's own
// redirects and error pages, which config headers miss (lib/http/security-headers.ts).
const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files at run time; bundling it breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  poweredByHeader: false,
};

export default nextConfig;
