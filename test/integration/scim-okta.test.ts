/**
 * Replays the request sequence Okta sends (developer.okta.com "SCIM 2.0 protocol"): lookup
 * by userName filter, create, PUT updates, path-less PATCH (de)activation, group push with
 * PATCH member add/remove and rename, group delete. Asserts the SCIM answers and what the app
 * does with them: membership, team grants, and access ending on the next request.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listPocsRoute } from "@/app/api/v1/pocs/route";
import { getDb } from "@/db/client";
import { apiTokens, auditEvents, memberships, teamMembers, teams, users } from "@/db/schema";
import { createApiToken } from "@/lib/tokens/service";
import { updateMember } from "@/lib/tenants/service";
import { actorForUser } from "@/lib/auth/service";
import { actor, bearer, call, seed } from "../helpers";
import { CORE_GROUP, CORE_USER, expectScim, pocStatusFor, qs, scimClient, sessionFor, shareWithTeam, type ScimClient } from "../scim-helpers";

let okta: ScimClient;
beforeAll(async () => {
  await seed();
  okta = await scimClient("acmeAdmin");
});

const oktaUser = (login: string, extra: Record<string, unknown> = {}) => ({
  schemas: [CORE_USER],
  userName: login,
  name: { givenName: "Olivia", familyName: "Okta" },
  emails: [{ primary: true, value: login, type: "work" }],
  displayName: "Olivia Okta",
  locale: "en-US",
  externalId: "00u1okta",
  groups: [],
  password: "never-stored-1!",
  active: true,
  ...extra,
});

describe("Okta provisioning sequence", () => {
  let userId: string;
  let groupId: string;

  it("looks the user up by userName first and gets an empty ListResponse", async () => {
    const body = expectScim(await okta.listUsers(qs({ filter: 'userName eq "olivia@acme.test"', startIndex: 1, count: 100 })), 200);
    expect(body).toEqual({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });

  it("creates the user: 201 with Location, a member of the tenant with no password", async () => {
    const res = await okta.createUser(oktaUser("olivia@acme.test"));
    const body = expectScim(res, 201);
    userId = body.id;
    expect(res.headers.get("location")).toBe(`http://localhost:3999/scim/v2/Users/${userId}`);
    expect(body).toMatchObject({
      schemas: [CORE_USER],
      userName: "olivia@acme.test",
      externalId: "00u1okta",
      active: true,
      displayName: "Olivia Okta",
      name: { givenName: "Olivia", familyName: "Okta" },
      emails: [{ value: "olivia@acme.test", type: "work", primary: true }],
      meta: { resourceType: "User", location: `http://localhost:3999/scim/v2/Users/${userId}` },
    });
    expect(body).not.toHaveProperty("password");
    const [account] = await getDb().select().from(users).where(eq(users.id, userId));
    expect(account).toMatchObject({ email: "olivia@acme.test", name: "Olivia Okta", passwordHash: null });
    const [membership] = await getDb().select().from(memberships).where(eq(memberships.userId, userId));
    expect(membership).toMatchObject({ role: "member", active: true, userName: "olivia@acme.test" });
  });

  it("finds the user by userName (case-insensitively), and a second POST is 409 uniqueness", async () => {
    const body = expectScim(await okta.listUsers(qs({ filter: 'userName eq "OLIVIA@acme.test"', startIndex: 1, count: 100 })), 200);
    expect(body.totalResults).toBe(1);
    expect(body.Resources[0].id).toBe(userId);
    const again = await okta.createUser(oktaUser("Olivia@Acme.test", { externalId: "00u2other" }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: "409", scimType: "uniqueness" });
  });

  it("updates the profile with PUT", async () => {
    const current = expectScim(await okta.getUser(userId), 200);
    const body = expectScim(await okta.putUser(userId, { ...current, name: { givenName: "Liv", familyName: "Okta" }, displayName: "Liv Okta", title: "SE" }), 200);
    expect(body).toMatchObject({ id: userId, displayName: "Liv Okta", title: "SE", name: { givenName: "Liv", familyName: "Okta" } });
    const [account] = await getDb().select({ name: users.name }).from(users).where(eq(users.id, userId));
    expect(account!.name).toBe("Liv Okta");
  });

  it("pushes a group, adds the user with PATCH, and a team grant opens the POC on the next request", async () => {
    const created = expectScim(await okta.createGroup({ schemas: [CORE_GROUP], displayName: "Okta Sales", members: [] }), 201);
    groupId = created.id;
    const [team] = await getDb().select().from(teams).where(eq(teams.id, groupId));
    expect(team).toMatchObject({ name: "Okta Sales", source: "scim" });
    await shareWithTeam("contoso", groupId);
    expect(await pocStatusFor(userId, "contoso")).toBe(404);

    expectScim(await okta.patchGroup(groupId, [{ op: "add", path: "members", value: [{ value: userId, display: "olivia@acme.test" }] }]), 204);
    expect(await pocStatusFor(userId, "contoso")).toBe(200);
    const group = expectScim(await okta.getGroup(groupId), 200);
    expect(group.members).toEqual([{ value: userId, display: "Liv Okta", $ref: `http://localhost:3999/scim/v2/Users/${userId}`, type: "User" }]);
  });

  it("renames the group with a path-less replace carrying its id", async () => {
    expectScim(await okta.patchGroup(groupId, [{ op: "replace", value: { id: groupId, displayName: "Okta Sales EMEA" } }]), 204);
    const [team] = await getDb().select({ name: teams.name }).from(teams).where(eq(teams.id, groupId));
    expect(team!.name).toBe("Okta Sales EMEA");
    const found = expectScim(await okta.listGroups(qs({ filter: 'displayName eq "okta sales emea"', excludedAttributes: "members" })), 200);
    expect(found.Resources).toEqual([expect.objectContaining({ id: groupId, displayName: "Okta Sales EMEA" })]);
    expect(found.Resources[0]).not.toHaveProperty("members");
  });

  it("removes the member with members[value eq …]: the grant stops on the next request", async () => {
    expectScim(await okta.patchGroup(groupId, [{ op: "remove", path: `members[value eq "${userId}"]` }]), 204);
    expect(await getDb().select().from(teamMembers).where(eq(teamMembers.teamId, groupId))).toEqual([]);
    expect(await pocStatusFor(userId, "contoso")).toBe(404);
  });

  it("deactivates with a path-less replace: access, the session and API tokens end on the next request", async () => {
    // An admin made them a tenant admin in the app, and they created an API token.
    await updateMember(await actor("acmeAdmin"), userId, { role: "tenant_admin" });
    const self = (await actorForUser(userId, null))!;
    const { token, id: tokenId } = await createApiToken(self, { name: "olivia's script" });
    expect((await call(listPocsRoute, { path: "/api/v1/pocs", headers: bearer(token) })).status).toBe(200);
    expect(await pocStatusFor(userId, "northwind")).toBe(200);

    const body = expectScim(await okta.patchUser(userId, [{ op: "replace", value: { active: false } }]), 200);
    expect(body.active).toBe(false);

    expect(await pocStatusFor(userId, "northwind")).toBe(404);
    const sessionList = await call(listPocsRoute, { path: "/api/v1/pocs", headers: await sessionFor(userId) });
    expect(sessionList.body.data).toEqual([]);
    expect((await call(listPocsRoute, { path: "/api/v1/pocs", headers: bearer(token) })).status).toBe(401);
    const [tokenRow] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, tokenId));
    expect(tokenRow!.revokedAt).not.toBeNull();
    const [membership] = await getDb().select().from(memberships).where(eq(memberships.userId, userId));
    expect(membership!.active).toBe(false);

    const audit = await getDb().select().from(auditEvents).where(and(eq(auditEvents.subjectId, userId), eq(auditEvents.action, "scim.user.deactivated")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "scim_token", actorTokenId: okta.tokenId, actorUserId: null });
  });

  it("reactivates the same way and lists the user as active again", async () => {
    expectScim(await okta.patchUser(userId, [{ op: "replace", value: { active: true } }]), 200);
    expect(await pocStatusFor(userId, "northwind")).toBe(200);
    const body = expectScim(await okta.listUsers(qs({ filter: 'userName eq "olivia@acme.test" and active eq true' })), 200);
    expect(body.totalResults).toBe(1);
  });

  it("deletes the pushed group: the team is gone", async () => {
    expectScim(await okta.deleteGroup(groupId), 204);
    expect(await getDb().select().from(teams).where(eq(teams.id, groupId))).toEqual([]);
    expect((await okta.getGroup(groupId)).status).toBe(404);
  });
});
