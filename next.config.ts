import type { NextConfig } from "next";
import { MAX_JSON_BODY_BYTES } from "./lib/api/body-limits";

// Security headers (CSP with a per-request nonce, frame-ancestors, HSTS, the share headers)
// are not set here: the entry server puts them on every response, including Next.js's own
// redirects and error pages, which config headers miss (lib/http/security-headers.ts).
const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files at run time; bundling it breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  poweredByHeader: false,
  // Server-action bodies (the share page's forms, the app's inline forms) are bounded while
  // they are read, like the API's JSON bodies: 413 past the limit.
  experimental: { serverActions: { bodySizeLimit: MAX_JSON_BODY_BYTES } },
};

export default nextConfig;
