/**
 * SECURITY 24: sign-in is rate-limited per account and per client IP, counted in the
 * database before any hashing, with one answer for known and unknown emails; every sign-in
 * and every failure is audited.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, rateLimitBuckets } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { authenticate, SIGN_IN_MAX_FAILURES_PER_ACCOUNT, SIGN_IN_MAX_FAILURES_PER_IP } from "@/lib/auth/service";
import { demoEmail, seed, userId } from "../helpers";

// Counts Argon2 verifications, to prove a locked attempt never reaches the hash.
const hashing = vi.hoisted(() => ({ verifications: 0 }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...actual,
    verifyPassword: (...args: Parameters<typeof actual.verifyPassword>) => {
      hashing.verifications += 1;
      return actual.verifyPassword(...args);
    },
  };
});

beforeAll(() => seed());
beforeEach(() => getDb().delete(rateLimitBuckets));

const refusal = (email: string, password: string, ip: string) =>
  authenticate(email, password, { ip, userAgent: "vitest" }).then(
    (user) => ({ outcome: user ? "signed-in" : "invalid", status: null as number | null }),
    (error: { code?: string; status?: number; headers?: Record<string, string> }) => ({ outcome: error.code ?? "thrown", status: error.status ?? null }),
  );

describe("sign-in rate limits", () => {
  it("locks an account after 5 failures in the window: the right password is refused too, before hashing", async () => {
    const email = demoEmail("acmeMark");
    for (let i = 0; i < SIGN_IN_MAX_FAILURES_PER_ACCOUNT; i++) expect((await refusal(email, `wrong-${i}`, `10.0.0.${i + 1}`)).outcome).toBe("invalid");
    const before = hashing.verifications;
    // Another IP, the right password: still refused while the account is locked.
    expect(await refusal(email, DEMO_PASSWORD, "10.0.1.1")).toEqual({ outcome: "auth/rate-limited", status: 429 });
    expect(await refusal(` ${email.toUpperCase()} `, DEMO_PASSWORD, "10.0.1.2")).toEqual({ outcome: "auth/rate-limited", status: 429 });
    expect(hashing.verifications).toBe(before);
    // The window passes (the bucket ages out): the right password works again.
    await getDb().update(rateLimitBuckets).set({ windowStart: sql`now() - interval '16 minutes'` });
    expect((await refusal(email, DEMO_PASSWORD, "10.0.1.3")).outcome).toBe("signed-in");
  });

  it("answers an unknown email exactly like a known one, locked or not", async () => {
    const known = demoEmail("acmeMia");
    const unknown = "nobody-here@acme.test";
    const outcomes = async (email: string) => {
      const seen: string[] = [];
      for (let i = 0; i <= SIGN_IN_MAX_FAILURES_PER_ACCOUNT; i++) seen.push((await refusal(email, "wrong-password", `10.1.0.${i + 1}`)).outcome);
      return seen;
    };
    expect(await outcomes(unknown)).toEqual(await outcomes(known));
  });

  it("limits one client IP across many accounts", async () => {
    const ip = "10.2.0.9";
    for (let i = 0; i < SIGN_IN_MAX_FAILURES_PER_IP; i++) expect((await refusal(`spray-${i}@acme.test`, "guess", ip)).outcome).toBe("invalid");
    expect((await refusal(demoEmail("acmeAdmin"), DEMO_PASSWORD, ip)).outcome).toBe("auth/rate-limited");
    // Another IP is not affected.
    expect((await refusal(demoEmail("acmeAdmin"), DEMO_PASSWORD, "10.2.0.10")).outcome).toBe("signed-in");
  });

  it("a successful sign-in does not count as a failure", async () => {
    const email = demoEmail("acmeExec");
    for (let i = 0; i < SIGN_IN_MAX_FAILURES_PER_ACCOUNT + 2; i++) expect((await refusal(email, DEMO_PASSWORD, "10.3.0.1")).outcome).toBe("signed-in");
  });

  it("audits successes and failures, in the account's tenant, without the password", async () => {
    const email = demoEmail("globexAdmin");
    await refusal(email, "a-wrong-secret", "10.4.0.1");
    await refusal(email, DEMO_PASSWORD, "10.4.0.1");
    await refusal("ghost@globex.test", "another-wrong-secret", "10.4.0.1");
    const rows = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.ip, "10.4.0.1"), sql`${auditEvents.action} like 'auth.sign_in%'`))
      .orderBy(auditEvents.id);
    const globexId = await userId("globexAdmin");
    expect(rows.map((r) => [r.action, r.subjectId, r.actorType, r.tenantId === null])).toEqual([
      ["auth.sign_in_failed", globexId, "public", false],
      ["auth.sign_in", globexId, "user", false],
      ["auth.sign_in_failed", null, "public", true],
    ]);
    expect((rows[2]!.payload as { email: string }).email).toBe("ghost@globex.test");
    expect(JSON.stringify(rows)).not.toMatch(/a-wrong-secret|another-wrong-secret|demo-pass/);
  });
});
