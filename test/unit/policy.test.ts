import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GrantAction, TenantRole } from "@/db/schema";
import { ALL_ACTIONS, canCreatePoc, evaluateAccess, grantsCreditedWithView, type AccessFacts } from "@/lib/sharing/policy";

const ACME = "tenant-acme";
const GLOBEX = "tenant-globex";
const OWNER = "user-owner";
const VIEWER = "user-viewer";

/** Facts for VIEWER looking at a POC of Acme owned by OWNER, with overrides. */
function facts(
  viewer: Partial<AccessFacts["viewer"]> = {},
  grantedActions: GrantAction[] = [],
  subject: Partial<AccessFacts["subject"]> = {},
): AccessFacts {
  return {
    subject: { tenantId: ACME, ownerId: OWNER, ...subject },
    viewer: { userId: VIEWER, roleInSubjectTenant: "member", tokenTenantId: null, ...viewer },
    grantedActions,
  };
}

const actionsOf = (f: AccessFacts) => [...evaluateAccess(f).actions].sort();
const EVERYTHING = [...ALL_ACTIONS].sort();

describe("evaluateAccess (DESIGN rule 1)", () => {
  it("gives a tenant admin of the subject's tenant every action and manage", () => {
    const access = evaluateAccess(facts({ roleInSubjectTenant: "tenant_admin" }));
    expect([...access.actions].sort()).toEqual(EVERYTHING);
    expect(access.manage).toBe(true);
  });

  it("gives the owner every action and manage, whatever their role", () => {
    for (const role of ["member", "executive", null] as const) {
      const access = evaluateAccess(facts({ userId: OWNER, roleInSubjectTenant: role }));
      expect([...access.actions].sort()).toEqual(EVERYTHING);
      expect(access.manage).toBe(true);
    }
  });

  it("gives an admin of another tenant nothing (not a member of the subject's tenant)", () => {
    const access = evaluateAccess(facts({ roleInSubjectTenant: null, tokenTenantId: null }, [], { tenantId: ACME }));
    expect(access.actions.size).toBe(0);
    expect(access.manage).toBe(false);
  });

  it("gives an API-token caller of another tenant nothing, even as owner, admin or with grants", () => {
    const cases = [
      facts({ tokenTenantId: GLOBEX }, ["view", "edit"]),
      facts({ tokenTenantId: GLOBEX, roleInSubjectTenant: "tenant_admin" }, ["view"]),
      facts({ tokenTenantId: GLOBEX, userId: OWNER }),
    ];
    for (const f of cases) {
      const access = evaluateAccess(f);
      expect(access.actions.size).toBe(0);
      expect(access.manage).toBe(false);
    }
  });

  it("honours an API token of the subject's tenant like the user behind it", () => {
    expect(actionsOf(facts({ tokenTenantId: ACME }, ["view", "comment"]))).toEqual(["comment", "view"]);
    expect(evaluateAccess(facts({ tokenTenantId: ACME, roleInSubjectTenant: "tenant_admin" })).manage).toBe(true);
  });

  it("gives a member without grants nothing", () => {
    expect(actionsOf(facts())).toEqual([]);
  });

  it("gives no access for granted actions without view", () => {
    const access = evaluateAccess(facts({}, ["download", "comment", "edit", "share"]));
    expect(access.actions.size).toBe(0);
    expect(access.manage).toBe(false);
  });

  it("gives exactly the union of the grants, never manage", () => {
    const access = evaluateAccess(facts({}, ["view", "comment", "view", "download"]));
    expect([...access.actions].sort()).toEqual(["comment", "download", "view"]);
    expect(access.manage).toBe(false);
  });

  it("ignores unknown action names that slipped into the facts", () => {
    expect(actionsOf(facts({}, ["view", "delete" as GrantAction]))).toEqual(["view"]);
  });
});

describe("canCreatePoc", () => {
  it("lets admins and members create POCs, not executives or outsiders", () => {
    expect([canCreatePoc("tenant_admin"), canCreatePoc("member"), canCreatePoc("executive"), canCreatePoc(null)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe("grantsCreditedWithView", () => {
  const matched = ["grant-user", "grant-team"];
  it("credits a member's view to every grant that matched them", () => {
    expect(grantsCreditedWithView(evaluateAccess(facts({}, ["view"])), matched)).toEqual(matched);
  });
  it("credits no grant for a tenant admin or the owner, who see the POC without one", () => {
    expect(grantsCreditedWithView(evaluateAccess(facts({ roleInSubjectTenant: "tenant_admin" }, ["view"])), matched)).toEqual([]);
    expect(grantsCreditedWithView(evaluateAccess(facts({ userId: OWNER }, ["view"])), matched)).toEqual([]);
  });
  it("credits nothing without view (another tenant's API token)", () => {
    expect(grantsCreditedWithView(evaluateAccess(facts({ tokenTenantId: GLOBEX }, ["view"])), matched)).toEqual([]);
  });
});

describe("evaluateAccess properties", () => {
  const tenant = fc.constantFrom(ACME, GLOBEX);
  const user = fc.constantFrom(OWNER, VIEWER, "user-other");
  const role = fc.constantFrom<TenantRole | null>("tenant_admin", "member", "executive", null);
  const arbitraryFacts: fc.Arbitrary<AccessFacts> = fc.record({
    subject: fc.record({ tenantId: tenant, ownerId: user }),
    viewer: fc.record({ userId: user, roleInSubjectTenant: role, tokenTenantId: fc.option(tenant, { nil: null }) }),
    grantedActions: fc.array(fc.constantFrom(...ALL_ACTIONS), { maxLength: 8 }),
  });

  const tokenAllowed = (f: AccessFacts) => f.viewer.tokenTenantId === null || f.viewer.tokenTenantId === f.subject.tenantId;
  const privileged = (f: AccessFacts) =>
    tokenAllowed(f) && (f.viewer.roleInSubjectTenant === "tenant_admin" || f.viewer.userId === f.subject.ownerId);

  it("never yields an action that is neither granted nor implied by admin/owner", () => {
    fc.assert(
      fc.property(arbitraryFacts, (f) => {
        const { actions } = evaluateAccess(f);
        for (const action of actions) expect(privileged(f) || f.grantedActions.includes(action)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("sets manage exactly for the admin of the subject's tenant or the owner, with a matching token tenant", () => {
    fc.assert(
      fc.property(arbitraryFacts, (f) => {
        expect(evaluateAccess(f).manage).toBe(privileged(f));
      }),
      { numRuns: 500 },
    );
  });

  it("matches the whole rule: everything when privileged, else the grants only when they include view", () => {
    fc.assert(
      fc.property(arbitraryFacts, (f) => {
        const expected = privileged(f)
          ? EVERYTHING
          : tokenAllowed(f) && f.grantedActions.includes("view")
            ? [...new Set(f.grantedActions)].sort()
            : [];
        expect(actionsOf(f)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
