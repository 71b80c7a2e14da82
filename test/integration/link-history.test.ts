/**
 * The Share dialog's link history (issue 17): a POC's revoked and expired links with when and
 * by whom they ended, for tenant admins only; and the re-sharer's own expiry the dialog defaults to.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as historyRoute from "@/app/api/v1/pocs/[poc_id]/public-link/history/route";
import * as pocsRoute from "@/app/api/v1/pocs/route";
import { getDb } from "@/db/client";
import { sharingGrants } from "@/db/schema";
import * as sharing from "@/lib/sharing/service";
import { actor, asUser, expectProblem, seed, type Caller } from "../helpers";

let admin: Caller;
let mark: Caller;
let poc: string;

beforeAll(async () => {
  await seed();
  admin = await asUser("acmeAdmin");
  mark = await asUser("acmeMark");
  poc = (await admin(pocsRoute.POST, { method: "POST", body: { title: "History test" } })).body.id;
});

describe("link history", () => {
  it("lists revoked links with who revoked them and expired ones without, newest end first; live links are not history", async () => {
    const alice = await actor("acmeAdmin");
    const revoked = await sharing.createPublicLink(alice, poc, {});
    await sharing.deletePublicLink(alice, poc);
    const expired = await sharing.createPublicLink(alice, poc, { expires_at: new Date(Date.now() + 60_000).toISOString() });
    await getDb().update(sharingGrants).set({ expiresAt: new Date() }).where(eq(sharingGrants.id, expired.id));
    await sharing.createPublicLink(alice, poc, {});

    const res = await admin(historyRoute.GET as never, { params: { poc_id: poc } });
    expect(res.status).toBe(200);
    expect(res.body.data.map((l: { id: string }) => l.id)).toEqual([expired.id, revoked.id]);
    expect(res.body.data[1].ended).toMatchObject({ reason: "revoked", by: "Alice Admin" });
    expect(res.body.data[0].ended).toMatchObject({ reason: "expired", by: null });
    expect(res.body.data[0].created_by).toMatchObject({ name: "Alice Admin" });
    expect(JSON.stringify(res.body)).not.toMatch(/access_token|link_url|\/share\//);
  });

  it("is for tenant admins only", async () => {
    expectProblem(await mark(historyRoute.GET as never, { params: { poc_id: poc } }), 403, "auth/forbidden");
  });
});

describe("the sharer's own expiry", () => {
  it("is null for admins and the latest expiry of a re-sharer's share grants", async () => {
    const alice = await actor("acmeAdmin");
    const until = new Date(Date.now() + 5 * 86_400_000);
    await sharing.createGrant(alice, { subject_type: "poc", subject_id: poc, principal_type: "user", email: "mark@acme.test", actions: ["view", "share"], expires_at: until.toISOString() });
    expect(await sharing.shareRightExpiry(alice, poc)).toBeNull();
    expect(await sharing.shareRightExpiry(await actor("acmeMark"), poc)).toBe(until.toISOString());
  });
});
