import { describe, expect, it } from "vitest";
import { browserOf } from "@/lib/activity/user-agent";
import { actionLabel, payloadChanges, payloadFields } from "@/lib/audit/diff";
import { auditQueryOf, exportSearchOf, pageParamsOf, searchOf } from "@/lib/audit/page-query";

describe("payloadChanges", () => {
  it("lists only the fields an update changed, nested ones by path, plus flags like password_changed", () => {
    const before = { actions: ["view"], watermark: false, principal: { name: "Pat", email: "p@x.io" }, expires_at: null };
    const after = { actions: ["view", "download"], watermark: false, principal: { name: "Pat", email: "pat@x.io" }, expires_at: "2027-01-01T00:00:00.000Z" };
    expect(payloadChanges({ before, after, password_changed: true })).toEqual([
      { field: "actions", before: "view", after: "view, download" },
      { field: "principal.email", before: "p@x.io", after: "pat@x.io" },
      { field: "expires_at", before: "—", after: "2027-01-01T00:00:00.000Z" },
      { field: "password_changed", before: "", after: "true" },
    ]);
    expect(payloadChanges({ before, after: before, password_changed: false })).toEqual([]);
  });

  it("is null for payloads that are not before/after, which show as fields", () => {
    expect(payloadChanges({ id: "x", actions: ["view"] })).toBeNull();
    expect(payloadFields({ id: "x", principal: { name: null } })).toEqual([
      { field: "id", value: "x" },
      { field: "principal.name", value: "—" },
    ]);
  });

  it("labels actions for people", () => {
    expect(actionLabel("grant.created")).toBe("Grant created");
    expect(actionLabel("scim.user_deactivated")).toBe("Scim user deactivated");
  });
});

describe("browserOf", () => {
  it("tells common browsers and systems apart", () => {
    expect(browserOf("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0")).toBe("Edge 131 on Windows");
    expect(browserOf("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")).toBe("Safari 17 on iOS");
    expect(browserOf("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36")).toBe("Chrome 131 on Android");
    expect(browserOf("curl/8.5.0")).toBe("curl 8");
    expect(browserOf("something odd")).toBe("Unknown browser");
    expect(browserOf(null)).toBeNull();
  });
});

describe("the audit page's URL", () => {
  it("drops empty fields, maps the actor choice onto the API's filters, and keeps the filter in the export link", () => {
    const params = pageParamsOf({ poc: "", actor: "user:5f0c3a52-3c1e-4c4e-9d7e-0c1d2e3f4a5b", action: "grant.*", from: "2026-12-01", to: ["2026-12-02"], junk: "x" });
    expect(params).toEqual({ actor: "user:5f0c3a52-3c1e-4c4e-9d7e-0c1d2e3f4a5b", action: "grant.*", from: "2026-12-01", to: "2026-12-02" });
    const query = auditQueryOf(params, 25);
    expect(query.success && query.data).toMatchObject({ actor_type: "user", actor_id: "5f0c3a52-3c1e-4c4e-9d7e-0c1d2e3f4a5b", limit: 25 });
    expect(auditQueryOf({ actor: "system" }, 25).data).toMatchObject({ actor_type: "system" });
    expect(auditQueryOf({ from: "yesterday" }, 25).success).toBe(false);
    expect(searchOf(params, { cursor: "ae1.MTA" })).toBe("?actor=user%3A5f0c3a52-3c1e-4c4e-9d7e-0c1d2e3f4a5b&action=grant.*&from=2026-12-01&to=2026-12-02&cursor=ae1.MTA");
    expect(exportSearchOf({ ...params, cursor: "ae1.MTA" })).toBe("?actor_type=user&actor_id=5f0c3a52-3c1e-4c4e-9d7e-0c1d2e3f4a5b&action=grant.*&from=2026-12-01&to=2026-12-02");
  });
});
