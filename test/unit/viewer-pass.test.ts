import { describe, expect, it } from "vitest";
import { hmac } from "@/lib/security/crypto";
import { openChallenge, openPass, sealChallenge, sealPass, unsealPass } from "@/lib/sharing/viewer-pass";

const grantId = "6f1c2d3e-0000-4000-8000-000000000001";
const token = "A".repeat(43);

describe("viewer pass", () => {
  it("carries the option version an email was proven at; typed emails carry none", () => {
    const expiresAt = Date.now() + 60_000;
    const verified = sealPass({ grantId, passwordVersion: 2, email: "v@a.example", expiresAt, verifiedOptionVersion: 4 });
    expect(openPass(verified, grantId)).toEqual({ grantId, passwordVersion: 2, email: "v@a.example", expiresAt, verifiedOptionVersion: 4 });
    const typed = sealPass({ grantId, passwordVersion: null, email: "t@a.example", expiresAt });
    expect(openPass(typed, grantId)?.verifiedOptionVersion).toBeNull();
  });

  it("reads passes sealed before option versions existed as unverified", () => {
    const payload = Buffer.from(JSON.stringify([grantId, 1, "old@a.example", Date.now() + 60_000])).toString("base64url");
    expect(unsealPass(`${payload}.${hmac("share-viewer-pass", payload)}`)?.verifiedOptionVersion).toBeNull();
  });

  it("refuses a tampered option version", () => {
    const sealed = sealPass({ grantId, passwordVersion: null, email: "v@a.example", expiresAt: Date.now() + 60_000, verifiedOptionVersion: 1 });
    const [payload, mac] = sealed.split(".");
    const fields = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as unknown[];
    fields[4] = 2;
    expect(unsealPass(`${Buffer.from(JSON.stringify(fields)).toString("base64url")}.${mac}`)).toBeNull();
  });
});

describe("code challenge", () => {
  it("is bound to its link, expires, and cannot pass for a viewer pass", () => {
    const sealed = sealChallenge(token, { email: "c@a.example", expiresAt: Date.now() + 60_000 });
    expect(openChallenge(sealed, token)?.email).toBe("c@a.example");
    expect(openChallenge(sealed, "B".repeat(43))).toBeNull();
    expect(openChallenge(sealChallenge(token, { email: "c@a.example", expiresAt: Date.now() - 1 }), token)).toBeNull();
    expect(unsealPass(sealed)).toBeNull();
  });
});
