/**
 * The session cookie check (lib/auth/session-token.ts) against cookies next-auth itself
 * encrypts: it opens what next-auth's decode opens and refuses what it refuses (another
 * secret, any altered byte, expiry), so the faster path keeps every property of the cookie.
 */
import { encode, decode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { openSessionToken } from "@/lib/auth/session-token";

const SECRET = "unit-test-secret-0123456789abcdef-0123456789";
const SID = "6f1e2b1c-1111-4111-8111-111111111111";
const sessionCookie = (maxAge = 3600, secret = SECRET) => encode({ token: { sub: "user-1", sid: SID }, secret, maxAge });

/** The token with one base64url character of part `index` changed. */
function alter(token: string, index: number): string {
  const parts = token.split(".");
  const part = parts[index]!;
  const at = Math.floor(part.length / 2);
  parts[index] = part.slice(0, at) + (part[at] === "A" ? "B" : "A") + part.slice(at + 1);
  return parts.join(".");
}

describe("openSessionToken", () => {
  it("opens a cookie next-auth encrypted, with the claims next-auth's decode reads", async () => {
    const token = await sessionCookie();
    const claims = openSessionToken(token, SECRET);
    expect(claims).toMatchObject({ sub: "user-1", sid: SID });
    expect(claims).toEqual(await decode({ token, secret: SECRET }));
  });

  it("refuses a cookie of another secret (a rotated APP_SECRET ends every old cookie)", async () => {
    const token = await sessionCookie(3600, "the-previous-secret-0123456789abcdef-0123");
    expect(openSessionToken(token, SECRET)).toBeNull();
    // And the same cookie opens under its own secret: the key is cached per secret, not once.
    expect(openSessionToken(token, "the-previous-secret-0123456789abcdef-0123")).toMatchObject({ sid: SID });
  });

  it("refuses any altered part: header, IV, ciphertext, tag", async () => {
    const token = await sessionCookie();
    for (const index of [0, 2, 3, 4]) expect(openSessionToken(alter(token, index), SECRET), `part ${index}`).toBeNull();
  });

  it("refuses an expired cookie, allowing next-auth's 15 seconds of clock skew", async () => {
    const token = await sessionCookie(60);
    const exp = openSessionToken(token, SECRET)!.exp as number;
    expect(openSessionToken(token, SECRET, exp + 14)).not.toBeNull();
    expect(openSessionToken(token, SECRET, exp + 15)).toBeNull();
    expect(openSessionToken(await sessionCookie(-60), SECRET)).toBeNull();
  });

  it("refuses a valid ciphertext under another header (alg/enc are not the caller's to choose)", async () => {
    const [, ...rest] = (await sessionCookie()).split(".");
    const otherHeader = Buffer.from(JSON.stringify({ alg: "dir", enc: "A256GCM", zip: "DEF" })).toString("base64url");
    expect(openSessionToken([otherHeader, ...rest].join("."), SECRET)).toBeNull();
  });

  it("refuses malformed values without throwing", () => {
    for (const value of ["", "abc", "a.b.c.d.e", "....", `${"x".repeat(5000)}`, "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..!!.??.**"]) {
      expect(openSessionToken(value, SECRET)).toBeNull();
    }
  });
});
