/** SECURITY 26: no open redirect after sign-in, whatever the callbackUrl's form. */
import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_LOGIN, safeCallbackUrl } from "@/components/auth/callback-url";

/** What a browser would do with the result: it must stay on our origin. */
const landsOn = (target: string) => new URL(target, "https://app.example").origin;

describe("safeCallbackUrl", () => {
  it.each([
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/.//evil.example",
    "/./\\evil.example",
    "/..//evil.example",
    "/a/..//evil.example",
    "/a/../..//evil.example/x",
    "/%2e/%2e//evil.example",
    "/%2E%2E//evil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "/\tevil",
    "/\n/evil.example",
    " /pocs",
    "/ /evil.example",
    "javascript:alert(1)",
    "/%E0%A4%A",
    "",
    "/login?callbackUrl=https://evil.example",
    `/${"a".repeat(5000)}`,
  ])("refuses %j", (raw) => {
    const result = safeCallbackUrl(raw);
    expect(landsOn(result)).toBe("https://app.example");
    expect(result.startsWith("//")).toBe(false);
    expect(result).toBe(DEFAULT_AFTER_LOGIN);
  });

  it.each([
    ["/pocs/123", "/pocs/123"],
    ["/shared?tab=all#top", "/shared?tab=all#top"],
    ["/invite/abc", "/invite/abc"],
    ["/pocs/./x/../y", "/pocs/y"],
  ])("keeps the same-site path %j", (raw, expected) => {
    expect(safeCallbackUrl(raw)).toBe(expected);
  });

  it("never throws, for any string", () => {
    for (const raw of ["%", "/%", "/%%%", "/\u0000", "/\uD800", null, undefined]) expect(() => safeCallbackUrl(raw as string)).not.toThrow();
  });
});
