import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

describe("password hashing", () => {
  it("uses Argon2id with OWASP parameters and verifies only the right password", async () => {
    const hashed = await hashPassword("correct horse battery");
    expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hashed, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hashed, "wrong")).toBe(false);
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
  });

  it("answers every one of a burst of concurrent attempts (the hash queue never drops or deadlocks)", async () => {
    const hashed = await hashPassword("burst-password");
    const attempts = Array.from({ length: 12 }, (_, i) => verifyPassword(hashed, i % 3 === 0 ? "burst-password" : `wrong-${i}`));
    const results = await Promise.all(attempts);
    expect(results).toEqual(Array.from({ length: 12 }, (_, i) => i % 3 === 0));
    // The slot is free again afterwards.
    expect(await verifyPassword(hashed, "burst-password")).toBe(true);
  });
});
