/**
 * Property: for random team memberships, roles and grants (live, revoked, expired), the
 * effective actions the app computes (one SQL query + the pure policy) always equal a
 * brute-force reference written directly from DESIGN's access rules.
 */
import { eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { memberships, pocs, sharingGrants, teamMembers, teams, type GrantAction, type TenantRole } from "@/db/schema";
import { loadPocAccess } from "@/lib/pocs/service";
import { ALL_ACTIONS } from "@/lib/sharing/policy";
import { actor, seed, type DemoKey } from "../helpers";

const VIEWERS = ["acmeMark", "acmeMia", "acmeExec"] as const satisfies readonly DemoKey[];
type Viewer = (typeof VIEWERS)[number];
const ROLES: TenantRole[] = ["member", "executive"];
let tenantId: string, pocId: string, ownerId: string;
const ids: Record<string, string> = {};
let teamIds: string[] = [];

const actionSet = fc.subarray(["download", "comment", "edit", "share"] as GrantAction[]).map((a) => ["view", ...a] as GrantAction[]);
const grantArb = fc.record({
  principal: fc.oneof(
    fc.record({ type: fc.constant("user" as const), who: fc.constantFrom(...VIEWERS) }),
    fc.record({ type: fc.constant("team" as const), team: fc.integer({ min: 0, max: 1 }) }),
    fc.record({ type: fc.constant("role" as const), role: fc.constantFrom(...ROLES) }),
  ),
  actions: actionSet,
  state: fc.constantFrom("live", "live", "revoked", "expired", "future-expiry"),
});
const scenarioArb = fc.record({
  roles: fc.record({ acmeMark: fc.constantFrom(...ROLES), acmeMia: fc.constantFrom(...ROLES), acmeExec: fc.constantFrom(...ROLES) }),
  teamsOf: fc.record({ acmeMark: fc.subarray([0, 1]), acmeMia: fc.subarray([0, 1]), acmeExec: fc.subarray([0, 1]) }),
  grants: fc.array(grantArb, { maxLength: 6 }),
});

beforeAll(async () => {
  await seed();
  for (const key of VIEWERS) ids[key] = (await actor(key)).userId;
  const admin = await actor("acmeAdmin");
  tenantId = admin.tenantId!;
  ownerId = admin.userId;
  const [poc] = await getDb().insert(pocs).values({ tenantId, ownerId, title: "Property POC" }).returning();
  pocId = poc!.id;
  teamIds = (await getDb().insert(teams).values([{ tenantId, name: "P-team-0" }, { tenantId, name: "P-team-1" }]).returning()).map((t) => t.id);
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function reference(s: Scenario, viewer: Viewer): GrantAction[] {
  const union = new Set<GrantAction>();
  for (const g of s.grants) {
    if (g.state === "revoked" || g.state === "expired") continue;
    const p = g.principal;
    const matches =
      (p.type === "user" && p.who === viewer) || (p.type === "team" && s.teamsOf[viewer].includes(p.team)) || (p.type === "role" && p.role === s.roles[viewer]);
    if (matches) g.actions.forEach((a) => union.add(a));
  }
  return ALL_ACTIONS.filter((a) => union.has(a));
}

async function apply(s: Scenario) {
  const db = getDb();
  await db.delete(sharingGrants).where(eq(sharingGrants.subjectId, pocId));
  await db.delete(teamMembers).where(inArray(teamMembers.teamId, teamIds));
  for (const key of VIEWERS) {
    await db.update(memberships).set({ role: s.roles[key] }).where(eq(memberships.userId, ids[key]!));
    for (const t of s.teamsOf[key]) await db.insert(teamMembers).values({ teamId: teamIds[t]!, userId: ids[key]! });
  }
  for (const g of s.grants) {
    const p = g.principal;
    await db.insert(sharingGrants).values({
      tenantId,
      subjectId: pocId,
      principalType: p.type,
      principalUserId: p.type === "user" ? ids[p.who] : null,
      principalTeamId: p.type === "team" ? teamIds[p.team] : null,
      principalRole: p.type === "role" ? p.role : null,
      actions: g.actions,
      revokedAt: g.state === "revoked" ? new Date() : null,
      expiresAt: g.state === "expired" ? new Date(Date.now() - 60_000) : g.state === "future-expiry" ? new Date(Date.now() + 3_600_000) : null,
    });
  }
}

describe("effective actions", () => {
  it("always equal the brute-force union of matching live grants", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        await apply(scenario);
        for (const key of VIEWERS) {
          const loaded = await loadPocAccess(await actor(key), pocId);
          expect([...loaded!.access.actions]).toEqual(reference(scenario, key));
          expect(loaded!.access.manage).toBe(false);
        }
      }),
      { numRuns: 40 },
    );
  });
});
