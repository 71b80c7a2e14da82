import { describe, expect, it } from "vitest";
import { routeKind } from "@/lib/metrics/route-kind";
import { limitName } from "@/lib/ratelimit/service";

describe("routeKind", () => {
  it.each([
    ["/share/abcDEF_123-xyz", "share"],
    ["/share", "share"],
    ["/share/abc/export.csv", "export"],
    ["/api/v1/public/pocs/abc/export.csv?x=1", "export"],
    ["/api/v1/pocs/5f0c/export.pdf", "export"],
    ["/api/v1/public/pocs/abc", "public_api"],
    ["/api/v1/public/pocs/abc/unlock", "public_api"],
    ["/api/v1/pocs?limit=5", "api"],
    ["/api/v1/sharing/grants/1", "api"],
    ["/api/auth/callback/credentials", "auth"],
    ["/scim/v2/Users", "scim"],
    ["/scim/v2", "scim"],
    ["/embed/eyJhbGciOi", "embed"],
    ["/api/health", "system"],
    ["/api/ready", "system"],
    ["/api/metrics", "system"],
    ["/_next/static/chunks/app.js", "static"],
    ["/robots.txt", "static"],
    ["/pocs", "page"],
    ["/pocs/123/settings", "page"],
    ["/", "page"],
    ["/shared", "page"],
    ["/exporter", "page"],
  ])("%s is %s", (path, kind) => {
    expect(routeKind(path)).toBe(kind);
  });
});

describe("limitName (rate-limit metric label)", () => {
  it("keeps the leading words of a key and drops ids, addresses and emails", () => {
    expect(limitName("share-unlock:ip:6f1c2a9e-1b2c-4d3e-8f90-123456789abc:203.0.113.7")).toBe("share-unlock:ip");
    expect(limitName("share-unlock:link:6f1c2a9e-1b2c-4d3e-8f90-123456789abc")).toBe("share-unlock:link");
    expect(limitName("signin:email:alice@example.com")).toBe("signin:email");
    expect(limitName("signin:ip:::1")).toBe("signin:ip");
    expect(limitName("1234")).toBe("other");
  });
});
