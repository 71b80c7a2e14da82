import { describe, expect, it } from "vitest";
import { needsVerification, shareGate, viewerEntryMatches, viewerRulesTightened, viewerVerdict, type ViewerRules } from "@/lib/sharing/policy";
import { UpdateGrantInput, ViewerEntry } from "@/lib/sharing/schemas";

const rules = (allowedViewers: string[] = [], deniedViewers: string[] = [], requireVerifiedEmail = false): ViewerRules => ({ requireVerifiedEmail, allowedViewers, deniedViewers });

describe("viewer entries", () => {
  it("accepts emails and @domains, lower-cased; refuses anything else", () => {
    expect(ViewerEntry.parse(" Dana@Initech.Example ")).toBe("dana@initech.example");
    expect(ViewerEntry.parse("@Initech.example")).toBe("@initech.example");
    expect(ViewerEntry.parse("@xn--bcher-kva.example")).toBe("@xn--bcher-kva.example");
    for (const bad of ["", "@", "@com", "@-bad.example", "@bad-.example", "dana@", "dana", "@exa mple.com", "a@b@c.example", "@a..example"]) {
      expect(ViewerEntry.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("dedupes a list and caps it at 500", () => {
    expect(UpdateGrantInput.parse({ allowed_viewers: ["@a.example", "@A.example"] }).allowed_viewers).toEqual(["@a.example"]);
    expect(UpdateGrantInput.safeParse({ allowed_viewers: Array.from({ length: 501 }, (_, i) => `u${i}@a.example`) }).success).toBe(false);
  });
});

describe("viewerVerdict", () => {
  it("matches exact emails and whole domains, not subdomains or look-alikes", () => {
    expect(viewerEntryMatches("@initech.example", "dana@initech.example")).toBe(true);
    expect(viewerEntryMatches("@initech.example", "dana@sub.initech.example")).toBe(false);
    expect(viewerEntryMatches("@initech.example", "dana@evilinitech.example")).toBe(false);
    expect(viewerEntryMatches("dana@initech.example", "DANA@initech.example")).toBe(true);
  });

  it("checks the deny list first; an empty allow list lets everyone else in", () => {
    const r = rules(["@initech.example"], ["intern@initech.example"]);
    expect(viewerVerdict(r, "dana@initech.example")).toBe("allowed");
    expect(viewerVerdict(r, "intern@initech.example")).toBe("denied");
    expect(viewerVerdict(r, "eve@other.example")).toBe("not-listed");
    expect(viewerVerdict(rules([], ["@competitor.example"]), "eve@other.example")).toBe("allowed");
    expect(viewerVerdict(rules(["intern@initech.example"], ["@initech.example"]), "intern@initech.example")).toBe("denied");
  });

  it("lists imply verification", () => {
    expect(needsVerification(rules())).toBe(false);
    expect(needsVerification(rules(["@a.example"]))).toBe(true);
    expect(needsVerification(rules([], ["@a.example"]))).toBe(true);
    expect(needsVerification(rules([], [], true))).toBe(true);
  });
});

describe("viewerRulesTightened", () => {
  const cases: [string, ViewerRules, ViewerRules, boolean][] = [
    ["verification switched on", rules(), rules([], [], true), true],
    ["verification switched off", rules([], [], true), rules(), false],
    ["deny entry added", rules([], [], true), rules([], ["x@a.example"], true), true],
    ["deny entry removed", rules([], ["x@a.example"], true), rules([], [], true), false],
    ["allow list started", rules([], [], true), rules(["@a.example"], [], true), true],
    ["allow entry added", rules(["@a.example"], [], true), rules(["@a.example", "@b.example"], [], true), false],
    ["allow entry removed", rules(["@a.example", "@b.example"], [], true), rules(["@a.example"], [], true), true],
    ["allow domain narrowed to one address", rules(["@a.example"], [], true), rules(["x@a.example"], [], true), true],
    ["allow list emptied (anyone verified)", rules(["@a.example"], [], true), rules([], [], true), false],
    ["nothing changed", rules(["@a.example"], ["x@a.example"], true), rules(["@a.example"], ["x@a.example"], true), false],
  ];
  it.each(cases)("%s", (_name, before, after, tightened) => expect(viewerRulesTightened(before, after)).toBe(tightened));
});

describe("shareGate with verification", () => {
  const grant = { hasPassword: true, passwordVersion: 1, watermark: true, requireVerification: true, optionVersion: 3 };
  it("password first, then a code at the current option version; a verified email satisfies the watermark", () => {
    expect(shareGate(grant, null)).toBe("password");
    expect(shareGate(grant, { passwordVersion: 1, email: "typed@a.example", verifiedOptionVersion: null })).toBe("verify");
    expect(shareGate(grant, { passwordVersion: 1, email: "v@a.example", verifiedOptionVersion: 2 })).toBe("verify");
    expect(shareGate(grant, { passwordVersion: 1, email: "v@a.example", verifiedOptionVersion: 3 })).toBe("open");
    expect(shareGate({ ...grant, requireVerification: false }, { passwordVersion: 1, email: "typed@a.example" })).toBe("open");
  });
});
