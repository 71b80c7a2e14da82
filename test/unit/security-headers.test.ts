import { describe, expect, it } from "vitest";
import { responseKindOf, securityHeaders } from "@/lib/http/security-headers";

const options = { nonce: "bm9uY2U=", https: false, dev: false };

describe("security headers", () => {
  it("sorts paths into share, embed, invite and app responses", () => {
    expect(["/share", "/share/abc", "/share/abc/", "/share/abc/export.csv", "/api/v1/public/pocs/x", "/api/v1/public/pocs/x/"].map(responseKindOf)).toEqual(Array(6).fill("share"));
    expect(responseKindOf("/embed/xyz")).toBe("embed");
    expect(responseKindOf("/invite/abc")).toBe("invite");
    expect(["/", "/pocs", "/login", "/shared", "/sharex", "/api/v1/pocs", "/_next/static/chunk.js"].map(responseKindOf)).toEqual(Array(7).fill("app"));
  });

  it("gives the signed-in app a CSP with a nonce, no plugins, no base, no framing", () => {
    const csp = securityHeaders("app", options)["content-security-policy"]!;
    const directives = csp.split("; ");
    expect(directives).toContain("script-src 'self' 'nonce-bm9uY2U='");
    expect(directives).toContain("object-src 'none'");
    expect(directives).toContain("base-uri 'none'");
    expect(directives).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(securityHeaders("app", options)["x-frame-options"]).toBe("DENY");
  });

  it("sends HSTS only when APP_URL is https", () => {
    expect(securityHeaders("app", options)).not.toHaveProperty("strict-transport-security");
    expect(securityHeaders("share", options)).not.toHaveProperty("strict-transport-security");
    expect(securityHeaders("app", { ...options, https: true })["strict-transport-security"]).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    expect(securityHeaders("share", { ...options, https: true })["strict-transport-security"]).toMatch(/^max-age=/);
  });

  it("gives share responses the capability-URL headers and a default-src 'none' CSP", () => {
    const h = securityHeaders("share", options);
    expect(h).toMatchObject({ "referrer-policy": "no-referrer", "x-robots-tag": "noindex, nofollow", "cache-control": "private, no-store", "x-frame-options": "DENY" });
    expect(h["content-security-policy"]).toMatch(/^default-src 'none'; script-src 'self' 'nonce-bm9uY2U='; /);
  });

  it("lets an embed be framed only by the origins its response names", () => {
    expect(securityHeaders("embed", options)["content-security-policy"]).toContain("frame-ancestors 'none'");
    const framed = securityHeaders("embed", { ...options, frameAncestors: ["https://intranet.customer.example"] });
    expect(framed["content-security-policy"]).toContain("frame-ancestors https://intranet.customer.example");
    expect(framed).not.toHaveProperty("x-frame-options");
    expect(securityHeaders("app", { ...options, frameAncestors: ["https://evil.example"] })["content-security-policy"]).toContain("frame-ancestors 'none'");
  });
});
