import type { MetadataRoute } from "next";

// Capability URLs must never be indexed (W3C TAG "Good Practices for Capability URLs").
export default function robots(): MetadataRoute.Robots {
  return { rules: [{ userAgent: "*", disallow: ["/share/", "/embed/", "/api/"] }] };
}
