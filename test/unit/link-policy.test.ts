import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GrantAction } from "@/db/schema";
import { ALL_ACTIONS, ANONYMOUS_ACTIONS, anonymousActionProblem, grantState, reshareDecision, shareGate, type Access } from "@/lib/sharing/policy";
import { CreateGrantInput, PublicLinkInput } from "@/lib/sharing/schemas";

const NOW = new Date("2026-11-21T12:00:00Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);
const actionsArb = fc.subarray([...ALL_ACTIONS]);

describe("grantState: expiry boundaries (rule 2)", () => {
  it("is active before expires_at, expired at and after it, and revoked wins", () => {
    const base = { revokedAt: null, tombstonedAt: null };
    expect(grantState({ ...base, expiresAt: null }, NOW)).toBe("active");
    expect(grantState({ ...base, expiresAt: at(1) }, NOW)).toBe("active");
    expect(grantState({ ...base, expiresAt: at(0) }, NOW)).toBe("expired");
    expect(grantState({ ...base, expiresAt: at(-1) }, NOW)).toBe("expired");
    expect(grantState({ ...base, tombstonedAt: at(-5), expiresAt: at(60_000) }, NOW)).toBe("expired");
    expect(grantState({ revokedAt: at(-1), tombstonedAt: at(-1), expiresAt: at(-1) }, NOW)).toBe("revoked");
  });

  it("is active exactly when not revoked, not tombstoned and the expiry lies in the future", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.option(fc.integer({ min: -1e9, max: 1e9 })), (revoked, tombstoned, offset) => {
        const state = grantState({ revokedAt: revoked ? NOW : null, tombstonedAt: tombstoned ? NOW : null, expiresAt: offset === null ? null : at(offset) }, NOW);
        expect(state === "active").toBe(!revoked && !tombstoned && (offset === null || offset > 0));
      }),
    );
  });
});

describe("shareGate", () => {
  it("asks for the password at the current version first, then an email when watermarked", () => {
    const grant = { hasPassword: true, passwordVersion: 3, watermark: true };
    expect(shareGate(grant, null)).toBe("password");
    expect(shareGate(grant, { passwordVersion: 2, email: "a@b.example" })).toBe("password");
    expect(shareGate(grant, { passwordVersion: 3, email: null })).toBe("email");
    expect(shareGate(grant, { passwordVersion: 3, email: "a@b.example" })).toBe("open");
    expect(shareGate({ hasPassword: false, passwordVersion: 0, watermark: false }, null)).toBe("open");
  });

  it("never opens a protected link without a pass for its current password version", () => {
    fc.assert(
      fc.property(fc.nat(20), fc.boolean(), fc.option(fc.record({ passwordVersion: fc.option(fc.nat(20)), email: fc.option(fc.emailAddress()) })), (version, watermark, pass) => {
        const gate = shareGate({ hasPassword: true, passwordVersion: version, watermark }, pass);
        if (gate === "open") {
          expect(pass?.passwordVersion).toBe(version);
          if (watermark) expect(pass?.email).toBeTruthy();
        }
      }),
    );
  });
});

describe("link action sets (rule 4)", () => {
  it("accepts exactly the subsets of view, download, comment that include view", () => {
    fc.assert(
      fc.property(actionsArb, (actions) => {
        const parsed = PublicLinkInput.safeParse({ actions });
        const allowed = actions.includes("view") && actions.every((a) => ANONYMOUS_ACTIONS.includes(a));
        expect(parsed.success).toBe(allowed);
        if (parsed.success) expect(parsed.data.actions).toEqual(ALL_ACTIONS.filter((a) => actions.includes(a)));
        expect(anonymousActionProblem(actions) === null).toBe(actions.every((a) => ANONYMOUS_ACTIONS.includes(a)));
      }),
    );
  });

  it("lets signed-in principals carry edit and share", () => {
    const parsed = CreateGrantInput.safeParse({
      subject_type: "poc",
      subject_id: "3f1b3c8e-6d7a-4c2b-9a53-1d2e3f4a5b6c",
      principal_type: "user",
      email: "x@y.example",
      actions: ["view", "edit", "share"],
    });
    expect(parsed.success).toBe(true);
  });
});

describe("reshareDecision (rule 3: grants never widen)", () => {
  const access = (actions: GrantAction[], manage = false, watermark = false): Access => ({ actions: new Set(actions), manage, watermark });
  const request = (over: Partial<Parameters<typeof reshareDecision>[1]> = {}) => ({
    principalType: "user" as const,
    byEmail: true,
    actions: ["view"] as GrantAction[],
    expiresAt: null,
    watermark: false,
    ...over,
  });

  it("never lets a non-manager grant an action they lack or outlive their own share right", () => {
    fc.assert(
      fc.property(actionsArb, actionsArb, fc.option(fc.integer({ min: -1e6, max: 1e9 })), fc.option(fc.integer({ min: 1, max: 1e9 })), (held, requested, ownExpiry, requestedExpiry) => {
        const own = access(["view", ...held] as GrantAction[]);
        const { problems } = reshareDecision(
          { access: own, shareExpiresAt: ownExpiry === null ? "never" : at(ownExpiry), outsider: false },
          request({ actions: ["view", ...requested] as GrantAction[], expiresAt: requestedExpiry === null ? null : at(requestedExpiry) }),
        );
        const widens = requested.some((a) => !own.actions.has(a));
        const outlives = ownExpiry !== null && (requestedExpiry === null || requestedExpiry > ownExpiry);
        expect(problems.length === 0).toBe(own.actions.has("share") && !widens && !outlives);
      }),
    );
  });

  it("forces the sharer's own watermark onto every grant they create, and says so", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (sharerWatermarked, requestedWatermark) => {
        const decision = reshareDecision(
          { access: access(["view", "share"], false, sharerWatermarked), shareExpiresAt: "never", outsider: false },
          request({ watermark: requestedWatermark }),
        );
        expect(decision.watermark).toBe(sharerWatermarked || requestedWatermark);
        expect(decision.inherited).toEqual(sharerWatermarked && !requestedWatermark ? ["watermark"] : []);
      }),
    );
  });

  it("lets an outsider share only with people, by email", () => {
    const caller = { access: access(["view", "share"]), shareExpiresAt: "never" as const, outsider: true };
    expect(reshareDecision(caller, request()).problems).toEqual([]);
    for (const over of [{ principalType: "team" as const, byEmail: false }, { principalType: "role" as const, byEmail: false }, { byEmail: false }]) {
      expect(reshareDecision(caller, request(over)).problems).toHaveLength(1);
    }
  });

  it("puts no limit on admins and owners", () => {
    const decision = reshareDecision({ access: access([...ALL_ACTIONS], true, true), shareExpiresAt: "never", outsider: true }, request({ principalType: "role", byEmail: false, actions: [...ALL_ACTIONS] }));
    expect(decision).toEqual({ problems: [], watermark: false, inherited: [] });
  });
});
