/**
 * Signed-in members' views in the access log (#16): a member who reaches a POC through a user,
 * team or role grant is a view of that grant, with their name and email; tenant admins and the
 * owner, who see it without a grant, are no grant's viewers. The read itself costs no extra
 * statement: the grants that matched come with the access facts, and the rows go into the
 * access log's batch (one INSERT).
 */
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as pocRoute from "@/app/api/v1/pocs/[poc_id]/route";
import * as viewsRoute from "@/app/api/v1/sharing/grants/[grant_id]/views/route";
import { getDb, queryCounter } from "@/db/client";
import { shareViews, sharingGrants } from "@/db/schema";
import { CLIENT_IP_HEADER } from "@/lib/api/client-ip";
import { getPoc, createPoc, viewPoc } from "@/lib/pocs/service";
import { flushShareViews, logShareView } from "@/lib/sharing/access-log";
import { createGrant, revokeGrant } from "@/lib/sharing/service";
import { addTeamMember, createTeam } from "@/lib/teams/service";
import { actor, asUser, pocId as pocId_, userId, seed, type DemoKey } from "../helpers";

vi.mock("next/headers", async () => (await import("../next-request")).nextHeadersMock);

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/** A member opens the POC through the API, as the page's service call does (then the batch is written). */
async function memberReads(key: DemoKey, pocId: string) {
  const res = await (await asUser(key))(pocRoute.GET as never, { path: `/api/v1/pocs/${pocId}`, params: { poc_id: pocId }, headers: { "user-agent": FIREFOX, [CLIENT_IP_HEADER]: "192.0.2.10" } });
  expect(res.status).toBe(200);
  await flushShareViews();
}

const activity = async (grantId: string) => (await (await asUser("acmeAdmin"))(viewsRoute.GET as never, { path: `/api/v1/sharing/grants/${grantId}/views`, params: { grant_id: grantId } })).body;

const rowsOf = (grantIds: string[]) => getDb().select().from(shareViews).where(inArray(shareViews.grantId, grantIds));

let pocId: string;
let teamId: string;
let grants: { user: string; team: string; role: string };

beforeAll(async () => {
  await seed();
  const admin = await actor("acmeAdmin");
  pocId = (await createPoc(admin, { title: "Member views pilot", customer: "Initech", description: "", objectives: "", status: "active" })).id;
  const team = await createTeam(admin, { name: "Member views team" });
  await addTeamMember(admin, team.id, await userId("acmeMark"));
  teamId = team.id;
  const common = { subject_type: "poc" as const, subject_id: pocId, actions: ["view" as const] };
  grants = {
    user: (await createGrant(admin, { ...common, principal_type: "user", principal_id: await userId("acmeMia") })).id,
    team: (await createGrant(admin, { ...common, principal_type: "team", principal_id: team.id })).id,
    role: (await createGrant(admin, { ...common, principal_type: "role", principal_id: "executive" })).id,
  };
});

describe("a signed-in member's view of a POC", () => {
  it("is one view of the user, team or role grant it came through, with the member's name, email, IP and browser", async () => {
    await memberReads("acmeMia", pocId);
    await memberReads("acmeMark", pocId);
    await memberReads("acmeExec", pocId);
    const expected = [
      [grants.user, "Mia Member", "mia@acme.test"],
      [grants.team, "Mark Member", "mark@acme.test"],
      [grants.role, "Erin Executive", "erin@acme.test"],
    ] as const;
    for (const [grantId, name, email] of expected) {
      const log = await activity(grantId);
      expect(log.summary).toMatchObject({ views: 1, unique_viewers: 1, exports: 0 });
      expect(log.data).toEqual([
        expect.objectContaining({ kind: "view", ip: "192.0.2.10", browser: "Firefox 128 on Linux", viewer: { kind: "user", name, email, user_id: expect.any(String) } }),
      ]);
    }
  });

  it("by a tenant admin, or by the owner even when a grant matches them too, is no grant's view", async () => {
    const before = (await rowsOf(Object.values(grants))).length;
    await memberReads("acmeAdmin", pocId);
    expect(await rowsOf(Object.values(grants))).toHaveLength(before);
    expect(await getDb().select().from(shareViews).where(eq(shareViews.viewerUserId, await userId("acmeAdmin")))).toEqual([]);

    // Mark owns Contoso and is in the team of a grant on it: he sees it as its owner.
    const admin = await actor("acmeAdmin");
    const contoso = await pocId_("contoso");
    const teamGrant = await createGrant(admin, { subject_type: "poc", subject_id: contoso, principal_type: "team", principal_id: teamId, actions: ["view"] });
    await memberReads("acmeMark", contoso);
    expect(await rowsOf([teamGrant.id])).toEqual([]);
  });

  it("is credited to every grant that let the member in, until one is revoked", async () => {
    const admin = await actor("acmeAdmin");
    const mark = await userId("acmeMark");
    const extra = await createGrant(admin, { subject_type: "poc", subject_id: pocId, principal_type: "user", principal_id: mark, actions: ["view", "comment"] });
    await memberReads("acmeMark", pocId);
    const marks = async (grantId: string) => (await getDb().select().from(shareViews).where(and(eq(shareViews.grantId, grantId), eq(shareViews.viewerUserId, mark)))).length;
    expect([await marks(grants.team), await marks(extra.id)]).toEqual([2, 1]);

    await revokeGrant(admin, extra.id);
    await memberReads("acmeMark", pocId);
    expect([await marks(grants.team), await marks(extra.id)]).toEqual([3, 1]);
  });

  it("costs the read no extra statement; the batch writes all of its grants' rows in one INSERT", async () => {
    const admin = await actor("acmeAdmin");
    const mia = await actor("acmeMia");
    const team = await createTeam(admin, { name: "Second views team" });
    await addTeamMember(admin, team.id, mia.userId);
    await createGrant(admin, { subject_type: "poc", subject_id: pocId, principal_type: "team", principal_id: team.id, actions: ["view"] });
    await flushShareViews();

    const statementsOf = async (run: () => Promise<unknown>) => {
      const start = queryCounter.count;
      await run();
      return queryCounter.count - start;
    };
    await getPoc(mia, pocId); // warms the prepared statement
    const plainRead = await statementsOf(() => getPoc(mia, pocId));
    const before = (await getDb().select().from(shareViews).where(eq(shareViews.viewerUserId, mia.userId))).length;
    const loggedRead = await statementsOf(() => viewPoc(mia, pocId, { userAgent: FIREFOX }));
    expect(loggedRead).toBe(plainRead);
    // The batch: one multi-row INSERT for both grants that also returns the grants due a view
    // notice, counted as work no request waits for (the bench leaves it out of round trips).
    const backgroundBefore = queryCounter.background;
    expect(await statementsOf(flushShareViews)).toBe(1);
    expect(queryCounter.background - backgroundBefore).toBe(1);
    expect(await getDb().select().from(shareViews).where(eq(shareViews.viewerUserId, mia.userId))).toHaveLength(before + 2);
  });
});

describe("the access log's batch", () => {
  it("keeps the other views when one's grant row was deleted before the batch was written", async () => {
    const admin = await actor("acmeAdmin");
    const other = (await createPoc(admin, { title: "Grant deleted before the flush", customer: "", description: "", objectives: "", status: "active" })).id;
    const doomedGrant = (await createGrant(admin, { subject_type: "poc", subject_id: other, actions: ["view"], principal_type: "user", principal_id: await userId("acmeMia") })).id;
    const before = (await rowsOf([grants.user])).length;
    // Nothing in the app deletes grant rows (revoking keeps them); tests that clean up do.
    await getDb().delete(sharingGrants).where(eq(sharingGrants.id, doomedGrant));
    const view = { viewerUserId: await userId("acmeMia"), viewerEmail: "mia@acme.test", ip: "192.0.2.10", userAgent: FIREFOX };
    logShareView({ ...view, grantId: doomedGrant }, { ...view, grantId: grants.user });
    await flushShareViews();
    expect(await rowsOf([doomedGrant])).toHaveLength(0);
    expect(await rowsOf([grants.user])).toHaveLength(before + 1);
  });
});
