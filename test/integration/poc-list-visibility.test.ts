/**
 * Who sees which POC in the list (GET /api/v1/pocs, and the Owner filter): a member sees their
 * own POCs and those shared with them by a live user, team or role grant, in any tenant, but
 * nothing through a tenant where their membership is deactivated. The list reads the granted
 * POC ids as one subquery (lib/sharing/repo.ts, pocIdsGrantedToUser); this pins its rules to
 * the per-POC check's.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as pocsRoute from "@/app/api/v1/pocs/route";
import { getDb } from "@/db/client";
import { memberships, tenants } from "@/db/schema";
import { createPoc, getPoc, listPocOwners } from "@/lib/pocs/service";
import { createGrant, revokeGrant } from "@/lib/sharing/service";
import { addTeamMember, createTeam } from "@/lib/teams/service";
import { actor, asToken, asUser, demoEmail, seed, userId, type Caller } from "../helpers";

const PREFIX = "Visibility check";

async function newPoc(key: "acmeAdmin" | "acmeMark" | "globexAdmin", title: string): Promise<string> {
  const owner = await actor(key);
  return (await createPoc(owner, { title: `${PREFIX} ${title}`, customer: "", description: "", objectives: "", status: "active" })).id;
}

/** The titles (without the prefix) of this file's POCs in the caller's list (Mark's by default), A–Z. */
async function listedTitles(caller?: Caller): Promise<string[]> {
  const list = caller ?? (await asUser("acmeMark"));
  const res = await list(pocsRoute.GET, { path: `/api/v1/pocs?q=${encodeURIComponent(PREFIX)}&sort=title&limit=100` });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.data as { title: string }[]).map((p) => p.title.slice(PREFIX.length + 1));
}

let globexTenantId: string;
let crossTenantPoc: string;

beforeAll(async () => {
  await seed();
  const admin = await actor("acmeAdmin");
  const globex = await actor("globexAdmin");
  const mark = await userId("acmeMark");
  const view = ["view"] as const;
  await newPoc("acmeMark", "own");
  await newPoc("acmeAdmin", "not shared");
  const byUser = await newPoc("acmeAdmin", "user grant");
  await createGrant(admin, { subject_type: "poc", subject_id: byUser, principal_type: "user", principal_id: mark, actions: [...view] });
  const team = await createTeam(admin, { name: "Visibility team" });
  await addTeamMember(admin, team.id, mark);
  const byTeam = await newPoc("acmeAdmin", "team grant");
  await createGrant(admin, { subject_type: "poc", subject_id: byTeam, principal_type: "team", principal_id: team.id, actions: [...view] });
  const byRole = await newPoc("acmeAdmin", "executive role grant");
  await createGrant(admin, { subject_type: "poc", subject_id: byRole, principal_type: "role", principal_id: "executive", actions: [...view] });
  const otherRole = await newPoc("acmeAdmin", "member role grant");
  await createGrant(admin, { subject_type: "poc", subject_id: otherRole, principal_type: "role", principal_id: "member", actions: [...view] });
  const revoked = await newPoc("acmeAdmin", "revoked grant");
  await revokeGrant(admin, (await createGrant(admin, { subject_type: "poc", subject_id: revoked, principal_type: "user", principal_id: mark, actions: [...view] })).id);
  crossTenantPoc = await newPoc("globexAdmin", "other tenant");
  await createGrant(globex, { subject_type: "poc", subject_id: crossTenantPoc, principal_type: "user", email: "mark@acme.test", actions: [...view] });
  // A role grant in Globex, where Mark is no member: roles count in the POC's own tenant only.
  await createGrant(globex, { subject_type: "poc", subject_id: await newPoc("globexAdmin", "other tenant role grant"), principal_type: "role", principal_id: "executive", actions: [...view] });
  globexTenantId = (await getDb().select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, "globex")))[0]!.id;
});

describe("the POC list's visibility", () => {
  it("shows a member their own POCs and those shared by a live user, team or role grant, in any tenant", async () => {
    expect(await listedTitles()).toEqual(["member role grant", "other tenant", "own", "team grant", "user grant"]);
    expect((await listPocOwners(await actor("acmeMark"))).map((o) => o.name)).toContain("Gus Globex");
  });

  it("lists through an API token only the token's tenant: a grant from another tenant is left out", async () => {
    const fromGlobex = await newPoc("globexAdmin", "granted to Acme's admin");
    await createGrant(await actor("globexAdmin"), { subject_type: "poc", subject_id: fromGlobex, principal_type: "user", email: demoEmail("acmeAdmin"), actions: ["view"] });
    const acmeTitles = ["executive role grant", "member role grant", "not shared", "own", "revoked grant", "team grant", "user grant"];
    expect(await listedTitles(await asUser("acmeAdmin"))).toEqual(["executive role grant", "granted to Acme's admin", ...acmeTitles.slice(1)]);
    expect(await listedTitles(await asToken("acmeAdmin"))).toEqual(acmeTitles);
  });

  it("hides what was shared through a tenant where the member's membership is deactivated, as opening it does", async () => {
    const mark = await userId("acmeMark");
    await getDb().insert(memberships).values({ tenantId: globexTenantId, userId: mark, role: "member", active: false });
    try {
      expect(await listedTitles()).toEqual(["member role grant", "own", "team grant", "user grant"]);
      expect((await listPocOwners(await actor("acmeMark"))).map((o) => o.name)).not.toContain("Gus Globex");
      await expect(getPoc(await actor("acmeMark"), crossTenantPoc)).rejects.toMatchObject({ code: "resource/not-found" });
    } finally {
      await getDb().delete(memberships).where(and(eq(memberships.tenantId, globexTenantId), eq(memberships.userId, mark)));
    }
    expect(await listedTitles()).toContain("other tenant");
  });
});
