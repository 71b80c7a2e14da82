import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, hmac, randomToken, safeEqual, sha256 } from "@/lib/security/crypto";

/** Flips one character of a base64url string, keeping it valid base64url. */
const flip = (part: string, at = 0) => part.slice(0, at) + (part[at] === "A" ? "B" : "A") + part.slice(at + 1);

describe("randomToken", () => {
  it("is 32 random bytes as 43 base64url characters after the prefix", () => {
    const token = randomToken("pm_");
    expect(token).toMatch(/^pm_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(3), "base64url")).toHaveLength(32);
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("never repeats", () => {
    const tokens = new Set(Array.from({ length: 200 }, () => randomToken()));
    expect(tokens.size).toBe(200);
  });
});

describe("sha256", () => {
  it("is the lower-case hex digest", () => {
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, with a fresh IV every time and no plaintext in the output", () => {
    const plain = randomToken();
    const a = encryptSecret(plain);
    const b = encryptSecret(plain);
    expect(a).not.toBe(b);
    expect(a).not.toContain(plain);
    expect(decryptSecret(a)).toBe(plain);
    expect(decryptSecret(b)).toBe(plain);
    expect(decryptSecret(encryptSecret("grüße ✓"))).toBe("grüße ✓");
  });

  it("refuses a tampered ciphertext, tag or IV", () => {
    const [iv, tag, data] = encryptSecret("share-token-value").split(".") as [string, string, string];
    expect(() => decryptSecret([iv, tag, flip(data)].join("."))).toThrow();
    expect(() => decryptSecret([iv, flip(tag), data].join("."))).toThrow();
    expect(() => decryptSecret([flip(iv), tag, data].join("."))).toThrow();
  });

  it("refuses malformed input", () => {
    expect(() => decryptSecret("not-sealed")).toThrow();
    expect(() => decryptSecret("")).toThrow();
  });
});

describe("hmac and safeEqual", () => {
  it("is deterministic per purpose and differs between purposes", () => {
    expect(hmac("unlock", "grant-1")).toBe(hmac("unlock", "grant-1"));
    expect(hmac("unlock", "grant-1")).not.toBe(hmac("unlock", "grant-2"));
    expect(hmac("unlock", "grant-1")).not.toBe(hmac("invite", "grant-1"));
  });

  it("compares strings of any length without throwing", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
  });
});
