/**
 * Replays what Microsoft Entra ID sends (learn.microsoft.com "Tutorial: Develop and plan
 * provisioning for a SCIM endpoint"): "Test connection" with a random filter, create, lookup
 * by filter, PATCH with capitalised ops, booleans as strings and dotted keys, groups created
 * empty and filled by PATCH, member Remove with a value list, replace, rename, delete.
 */
import { eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { memberships, teamMembers, teams, users } from "@/db/schema";
import { seed } from "../helpers";
import { CORE_GROUP, CORE_USER, ENTERPRISE, expectScim, pocStatusFor, qs, scimClient, shareWithTeam, type ScimClient } from "../scim-helpers";

let entra: ScimClient;
beforeAll(async () => {
  await seed();
  entra = await scimClient("acmeAdmin");
});

const entraUser = (upn: string, externalId: string) => ({
  schemas: [CORE_USER, ENTERPRISE],
  externalId,
  userName: upn,
  active: true,
  displayName: upn.split("@")[0],
  emails: [{ primary: true, type: "work", value: upn }],
  meta: { resourceType: "User" },
  name: { formatted: "Eddie Entra", familyName: "Entra", givenName: "Eddie" },
  roles: [],
  [ENTERPRISE]: { department: "Sales" },
});

const memberIds = async (groupId: string) =>
  (await getDb().select({ id: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, groupId))).map((r) => r.id).sort();

describe("Entra ID provisioning sequence", () => {
  const ids: string[] = [];
  let groupId: string;

  it('"Test connection": a random userName and group filter get empty ListResponses, not errors', async () => {
    const usersRes = expectScim(await entra.listUsers(qs({ filter: `userName eq "${randomUUID()}"` })), 200);
    expect(usersRes).toMatchObject({ totalResults: 0, Resources: [] });
    const groupsRes = expectScim(await entra.listGroups(qs({ filter: `displayName eq "${randomUUID()}"`, excludedAttributes: "members" })), 200);
    expect(groupsRes).toMatchObject({ totalResults: 0, Resources: [] });
    const byId = expectScim(await entra.listUsers(qs({ filter: `id eq "${randomUUID()}"` })), 200);
    expect(byId.totalResults).toBe(0);
  });

  it("creates users and finds them by externalId and emails[type eq \"work\"].value", async () => {
    for (const [upn, ext] of [["eddie@acme.test", "e-1"], ["erika@acme.test", "e-2"], ["emil@acme.test", "e-3"]] as const) {
      const body = expectScim(await entra.createUser(entraUser(upn, ext)), 201);
      expect(body.schemas).toEqual([CORE_USER, ENTERPRISE]);
      expect(body[ENTERPRISE]).toEqual({ department: "Sales" });
      ids.push(body.id);
    }
    const byExternal = expectScim(await entra.listUsers(qs({ filter: 'externalId eq "e-2"' })), 200);
    expect(byExternal.Resources.map((r: { id: string }) => r.id)).toEqual([ids[1]]);
    const byEmail = expectScim(await entra.listUsers(qs({ filter: 'emails[type eq "work"].value eq "EMIL@acme.test"' })), 200);
    expect(byEmail.Resources.map((r: { id: string }) => r.id)).toEqual([ids[2]]);
  });

  it('PATCH Replace with "False" as a string deactivates; "True" reactivates', async () => {
    const off = expectScim(await entra.patchUser(ids[0]!, [{ op: "Replace", path: "active", value: "False" }]), 200);
    expect(off.active).toBe(false);
    const [m] = await getDb().select({ active: memberships.active }).from(memberships).where(eq(memberships.userId, ids[0]!));
    expect(m!.active).toBe(false);
    const on = expectScim(await entra.patchUser(ids[0]!, [{ op: "Replace", path: "active", value: "True" }]), 200);
    expect(on.active).toBe(true);
  });

  it("path-less Replace with dotted keys and the enterprise URN updates name and department", async () => {
    const body = expectScim(
      await entra.patchUser(ids[1]!, [
        { op: "Replace", value: { "name.givenName": "Erika", "name.familyName": "Entrada", [`${ENTERPRISE}:department`]: "Engineering", displayName: "Erika Entrada" } },
        { op: "Add", path: "title", value: "Architect" },
        { op: "Add", path: 'phoneNumbers[type eq "mobile"].value', value: "+1 555 0100" },
      ]),
      200,
    );
    expect(body).toMatchObject({ name: { givenName: "Erika", familyName: "Entrada" }, displayName: "Erika Entrada", title: "Architect", [ENTERPRISE]: { department: "Engineering" } });
    const filtered = expectScim(await entra.listUsers(qs({ filter: `${ENTERPRISE}:department eq "engineering"` })), 200);
    expect(filtered.Resources.map((r: { id: string }) => r.id)).toEqual([ids[1]]);
    const [account] = await getDb().select({ name: users.name }).from(users).where(eq(users.id, ids[1]!));
    expect(account!.name).toBe("Erika Entrada");
  });

  it("changes the email with Replace on emails[type eq \"work\"].value", async () => {
    const body = expectScim(await entra.patchUser(ids[2]!, [{ op: "Replace", path: 'emails[type eq "work"].value', value: "emil.new@acme.test" }]), 200);
    expect(body.emails).toEqual([{ value: "emil.new@acme.test", type: "work", primary: true }]);
    const [account] = await getDb().select({ email: users.email }).from(users).where(eq(users.id, ids[2]!));
    expect(account!.email).toBe("emil.new@acme.test");
  });

  it("creates a group with no members, fills it with Add, and the team grant follows", async () => {
    const created = expectScim(await entra.createGroup({ schemas: [CORE_GROUP], externalId: "g-ext-1", displayName: "Entra Engineers", meta: { resourceType: "Group" } }), 201);
    groupId = created.id;
    expect(created.members).toEqual([]);
    await shareWithTeam("contoso", groupId);
    expectScim(await entra.patchGroup(groupId, [{ op: "Add", path: "members", value: ids.map((value) => ({ value })) }]), 204);
    expect(await memberIds(groupId)).toEqual([...ids].sort());
    for (const id of ids) expect(await pocStatusFor(id, "contoso")).toBe(200);
    const byMember = expectScim(await entra.listGroups(qs({ filter: `members[value eq "${ids[0]}"]`, excludedAttributes: "members" })), 200);
    expect(byMember.Resources.map((r: { id: string }) => r.id)).toEqual([groupId]);
  });

  it('removes a member with {"op":"Remove","path":"members","value":[…]}: access ends on the next request', async () => {
    expectScim(await entra.patchGroup(groupId, [{ op: "Remove", path: "members", value: [{ value: ids[0] }] }]), 204);
    expect(await memberIds(groupId)).toEqual([ids[1], ids[2]].sort());
    expect(await pocStatusFor(ids[0]!, "contoso")).toBe(404);
    expect(await pocStatusFor(ids[1]!, "contoso")).toBe(200);
  });

  it("replaces the members and renames in one PATCH", async () => {
    expectScim(
      await entra.patchGroup(groupId, [
        { op: "Replace", path: "members", value: [{ value: ids[0] }] },
        { op: "Replace", path: "displayName", value: "Entra Engineering" },
      ]),
      204,
    );
    expect(await memberIds(groupId)).toEqual([ids[0]]);
    expect(await pocStatusFor(ids[1]!, "contoso")).toBe(404);
    expect(await pocStatusFor(ids[0]!, "contoso")).toBe(200);
    const group = expectScim(await entra.getGroup(groupId), 200);
    expect(group).toMatchObject({ displayName: "Entra Engineering", externalId: "g-ext-1", members: [expect.objectContaining({ value: ids[0] })] });
  });

  it("deletes a user: the membership and team membership go; the account goes when it belongs nowhere else", async () => {
    expectScim(await entra.deleteUser(ids[0]!), 204);
    expect(await getDb().select().from(memberships).where(eq(memberships.userId, ids[0]!))).toEqual([]);
    expect(await getDb().select().from(users).where(eq(users.id, ids[0]!))).toEqual([]);
    expect(await memberIds(groupId)).toEqual([]);
    expect((await entra.getUser(ids[0]!)).status).toBe(404);
  });

  it("deletes the group", async () => {
    expectScim(await entra.deleteGroup(groupId), 204);
    expect(await getDb().select().from(teams).where(eq(teams.id, groupId))).toEqual([]);
  });
});
