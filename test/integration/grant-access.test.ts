/**
 * How live sharing grants (inserted directly; the grant API comes later) open POCs through
 * /api/v1: exactly the granted actions, evaluated at request time (DESIGN rules 1, 2 and 6).
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as commentsRoute from "@/app/api/v1/pocs/[poc_id]/comments/route";
import * as pocRoute from "@/app/api/v1/pocs/[poc_id]/route";
import * as groupsRoute from "@/app/api/v1/pocs/[poc_id]/task-groups/route";
import * as pocsRoute from "@/app/api/v1/pocs/route";
import { getDb } from "@/db/client";
import { memberships, pocs, sharingGrants, teamMembers, teams, type GrantAction } from "@/db/schema";
import { asUser, DEMO_POCS, expectProblem, pocId, seed, userId, type Caller } from "../helpers";

type NewSharingGrant = typeof sharingGrants.$inferInsert;

let mia: Caller;
let northwind: string;
let acmeTenant: string;

beforeAll(async () => {
  await seed();
  mia = await asUser("acmeMia");
  northwind = await pocId("northwind");
  acmeTenant = (await getDb().select().from(pocs).where(eq(pocs.id, northwind)))[0]!.tenantId;
});

// Each test starts with no grant on Northwind.
beforeEach(async () => {
  await getDb().delete(sharingGrants).where(eq(sharingGrants.subjectId, northwind));
});

async function grantNorthwind(values: Partial<NewSharingGrant> & { principalType: NewSharingGrant["principalType"] }, actions: GrantAction[]) {
  const [row] = await getDb().insert(sharingGrants).values({ tenantId: acmeTenant, subjectId: northwind, actions, ...values }).returning();
  return row!;
}
const grantToMia = async (actions: GrantAction[], extra: Partial<NewSharingGrant> = {}) =>
  grantNorthwind({ principalType: "user", principalUserId: await userId("acmeMia"), ...extra }, actions);

const getNorthwind = (caller: Caller = mia) => caller(pocRoute.GET, { params: { poc_id: northwind } });
const miaSees = async () => ((await mia(pocsRoute.GET)).body.data as { title: string }[]).map((p) => p.title).includes(DEMO_POCS.northwind);

describe("access through sharing grants", () => {
  it("opens a POC read-only with a view grant: GET 200, every write refused", async () => {
    await grantToMia(["view"]);
    const res = await getNorthwind();
    expect(res.status).toBe(200);
    expect(res.body.permissions).toEqual({ actions: ["view"], manage: false, watermark: false });
    expect(await miaSees()).toBe(true);

    const params = { poc_id: northwind };
    expectProblem(await mia(commentsRoute.POST, { method: "POST", params, body: { body: "hi" } }), 403, "auth/forbidden");
    expectProblem(await mia(pocRoute.PATCH, { method: "PATCH", params, body: { title: "x" } }), 403, "auth/forbidden");
    expectProblem(await mia(groupsRoute.POST, { method: "POST", params, body: { name: "x" } }), 403, "auth/forbidden");
    expectProblem(await mia(pocRoute.DELETE, { method: "DELETE", params }), 403, "auth/forbidden");
    expect((await getDb().select().from(pocs).where(eq(pocs.id, northwind)))[0]!.title).toBe(DEMO_POCS.northwind);
  });

  it("lets a comment grant comment and an edit grant edit, but never delete", async () => {
    const params = { poc_id: northwind };
    await grantToMia(["view", "comment"]);
    expect((await mia(commentsRoute.POST, { method: "POST", params, body: { body: "Looks good" } })).status).toBe(201);
    expectProblem(await mia(pocRoute.PATCH, { method: "PATCH", params, body: { customer: "x" } }), 403, "auth/forbidden");

    await grantToMia(["view", "edit"]);
    expect((await getNorthwind()).body.permissions.actions.sort()).toEqual(["comment", "edit", "view"]);
    expect((await mia(pocRoute.PATCH, { method: "PATCH", params, body: { customer: "Northwind Traders Ltd" } })).status).toBe(200);
    expectProblem(await mia(pocRoute.DELETE, { method: "DELETE", params }), 403, "auth/forbidden");
  });

  it.each([
    ["revoked", { revokedAt: new Date() }],
    ["tombstoned", { tombstonedAt: new Date() }],
    ["expired", { expiresAt: new Date(Date.now() - 1000) }],
  ])("ignores a %s grant: 404 and not listed", async (_label, extra) => {
    await grantToMia(["view", "edit"], extra);
    expectProblem(await getNorthwind(), 404, "resource/not-found");
    expect(await miaSees()).toBe(false);
  });

  it("honours a grant expiring in the future", async () => {
    await grantToMia(["view"], { expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await getNorthwind()).status).toBe(200);
  });

  it("evaluates role grants against the viewer's role at request time", async () => {
    await grantNorthwind({ principalType: "role", principalRole: "executive" }, ["view"]);
    const erin = await asUser("acmeExec");
    expect((await getNorthwind(erin)).status).toBe(200);
    expectProblem(await getNorthwind(), 404, "resource/not-found"); // Mia is a member, not an executive

    const erinId = await userId("acmeExec");
    await getDb().update(memberships).set({ role: "member" }).where(eq(memberships.userId, erinId));
    try {
      expectProblem(await getNorthwind(erin), 404, "resource/not-found");
    } finally {
      await getDb().update(memberships).set({ role: "executive" }).where(eq(memberships.userId, erinId));
    }
  });

  it("evaluates team grants against the viewer's teams at request time", async () => {
    const [team] = await getDb().insert(teams).values({ tenantId: acmeTenant, name: "Data team" }).returning();
    await grantNorthwind({ principalType: "team", principalTeamId: team!.id }, ["view"]);
    expectProblem(await getNorthwind(), 404, "resource/not-found");

    const miaId = await userId("acmeMia");
    await getDb().insert(teamMembers).values({ teamId: team!.id, userId: miaId });
    expect((await getNorthwind()).status).toBe(200);

    await getDb().delete(teamMembers).where(and(eq(teamMembers.teamId, team!.id), eq(teamMembers.userId, miaId)));
    expectProblem(await getNorthwind(), 404, "resource/not-found");
  });

  it("does not open a POC with a link grant to signed-in users", async () => {
    await grantNorthwind({ principalType: "link", tokenHash: "h".repeat(64) }, ["view", "comment"]);
    expectProblem(await getNorthwind(), 404, "resource/not-found");
  });
});
