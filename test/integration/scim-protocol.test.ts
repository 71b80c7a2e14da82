/**
 * The SCIM protocol edges: authentication, the error schema, bad input answered with the
 * right scimType and nothing half-applied, filters and paging, projection, discovery, and
 * tenant isolation (SECURITY.md 33).
 */
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as resourceTypesRoute } from "@/app/scim/v2/ResourceTypes/route";
import { GET as schemasRoute } from "@/app/scim/v2/Schemas/route";
import { GET as spcRoute } from "@/app/scim/v2/ServiceProviderConfig/route";
import { GET as listUsersRoute } from "@/app/scim/v2/Users/route";
import { getDb } from "@/db/client";
import { auditEvents, memberships, teamMembers, teams, users } from "@/db/schema";
import { revokeScimToken } from "@/lib/scim-tokens/service";
import { createTeam } from "@/lib/teams/service";
import { actor, call, seed, userId } from "../helpers";
import { CORE_GROUP, CORE_USER, ENTERPRISE, expectScim, expectScimError, qs, scimClient, SCIM_TYPE, type ScimClient } from "../scim-helpers";

let acme: ScimClient;
let globex: ScimClient;
beforeAll(async () => {
  await seed();
  acme = await scimClient("acmeAdmin");
  globex = await scimClient("globexAdmin");
  await createTeam(await actor("acmeAdmin"), { name: "Engineering" });
});

const user = (userName: string, extra: Record<string, unknown> = {}) => ({ schemas: [CORE_USER], userName, emails: [{ value: userName, primary: true }], ...extra });
const rows = async (table: typeof teams | typeof memberships | typeof teamMembers | typeof users) => (await getDb().select({ n: count() }).from(table))[0]!.n;

describe("authentication", () => {
  it("refuses a missing, malformed, unknown or revoked token with a SCIM 401", async () => {
    expectScimError(await call(listUsersRoute, { path: "/scim/v2/Users" }), 401);
    expectScimError(await call(listUsersRoute, { path: "/scim/v2/Users", headers: { authorization: "Bearer nope" } }), 401);
    expectScimError(await call(listUsersRoute, { path: "/scim/v2/Users", headers: { authorization: `Bearer pmscim_${"A".repeat(43)}` } }), 401);
    const client = await scimClient("acmeAdmin");
    expect((await client.listUsers()).status).toBe(200);
    await revokeScimToken(await actor("acmeAdmin"), client.tokenId);
    const res = await client.listUsers();
    expectScimError(res, 401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
  });
});

describe("bad input", () => {
  it("malformed JSON is 400 invalidSyntax", async () => {
    const res = await call((await import("@/app/scim/v2/Users/route")).POST, {
      method: "POST",
      path: "/scim/v2/Users",
      headers: { authorization: `Bearer ${acme.token}`, "content-type": SCIM_TYPE },
      rawBody: '{"schemas": [',
    });
    expectScimError(res, 400, "invalidSyntax");
  });

  it("unknown schemas and missing userName are 400 invalidValue, and create nothing", async () => {
    const before = await rows(users);
    expectScimError(await acme.createUser({ schemas: ["urn:example:Custom"], userName: "x@acme.test" }), 400, "invalidValue");
    expectScimError(await acme.createUser({ schemas: [CORE_USER, "urn:example:Custom"], userName: "x@acme.test" }), 400, "invalidValue");
    expectScimError(await acme.createUser({ schemas: [CORE_USER] }), 400, "invalidValue");
    expectScimError(await acme.createGroup({ schemas: [CORE_USER], displayName: "Wrong schema" }), 400, "invalidValue");
    expect(await rows(users)).toBe(before);
  });

  it("invalid filters are 400 invalidFilter", async () => {
    for (const filter of ['userName eq', "bogus ^^", 'password eq "x"', 'active eq "maybe"', 'meta.lastModified gt "yesterday"', 'userName co 5 and', 'emails[foo eq "x"]']) {
      expectScimError(await acme.listUsers(qs({ filter })), 400, "invalidFilter");
    }
  });

  it("count over the maximum is 400 invalidValue; a non-number is too", async () => {
    expectScimError(await acme.listUsers(qs({ count: 1001 })), 400, "invalidValue");
    expectScimError(await acme.listUsers(qs({ startIndex: "two" })), 400, "invalidValue");
  });

  it("changing id or meta is 400 mutability, with nothing applied", async () => {
    const created = expectScim(await acme.createUser(user("mutable@acme.test", { displayName: "Before" })), 201);
    expectScimError(await acme.patchUser(created.id, [{ op: "replace", path: "displayName", value: "After" }, { op: "replace", path: "id", value: "other" }]), 400, "mutability");
    expectScimError(await acme.patchUser(created.id, [{ op: "replace", path: "meta.created", value: "2000-01-01T00:00:00Z" }]), 400, "mutability");
    expectScimError(await acme.putUser(created.id, user("mutable@acme.test", { id: "8d4a8c1e-0000-4000-8000-000000000000" })), 400, "mutability");
    expect(expectScim(await acme.getUser(created.id), 200).displayName).toBe("Before");
  });

  it("members that are not users of this tenant are 400 invalidValue; the group is not created", async () => {
    const globexAdmin = await userId("globexAdmin");
    const before = await rows(teams);
    expectScimError(await acme.createGroup({ schemas: [CORE_GROUP], displayName: "Foreign", members: [{ value: globexAdmin }] }), 400, "invalidValue");
    expectScimError(await acme.createGroup({ schemas: [CORE_GROUP], displayName: "Junk", members: [{ value: "not-a-uuid" }] }), 400, "invalidValue");
    expect(await rows(teams)).toBe(before);
  });

  it("a PATCH that fails halfway leaves the earlier operations unapplied (one transaction)", async () => {
    const mark = await userId("acmeMark");
    const group = expectScim(await acme.createGroup({ schemas: [CORE_GROUP], displayName: "Atomic" }), 201);
    const before = await rows(teamMembers);
    const auditBefore = (await getDb().select({ n: count() }).from(auditEvents))[0]!.n;
    const res = await acme.patchGroup(group.id, [
      { op: "add", path: "members", value: [{ value: mark }] },
      { op: "add", path: "members", value: [{ value: await userId("globexAdmin") }] },
    ]);
    expectScimError(res, 400, "invalidValue");
    expect(await rows(teamMembers)).toBe(before);
    expect((await getDb().select({ n: count() }).from(auditEvents))[0]!.n).toBe(auditBefore);
  });

  it("unknown PATCH ops and a PatchOp without its schema are refused", async () => {
    const created = expectScim(await acme.createUser(user("ops@acme.test")), 201);
    expectScimError(await acme.patchUser(created.id, [{ op: "frobnicate", path: "active", value: false }]), 400, "invalidValue");
    const noSchema = await acme.raw((await import("@/app/scim/v2/Users/[id]/route")).PATCH, "PATCH", `/Users/${created.id}`, { Operations: [{ op: "replace", path: "active", value: false }] }, { id: created.id });
    expectScimError(noSchema, 400, "invalidValue");
    expect(expectScim(await acme.getUser(created.id), 200).active).toBe(true);
  });

  it("a group name taken by a manual team, or a duplicate externalId, is 409 uniqueness", async () => {
    expectScimError(await acme.createGroup({ schemas: [CORE_GROUP], displayName: "engineering" }), 409, "uniqueness");
    expectScim(await acme.createGroup({ schemas: [CORE_GROUP], displayName: "Ext A", externalId: "dup" }), 201);
    expectScimError(await acme.createGroup({ schemas: [CORE_GROUP], displayName: "Ext B", externalId: "dup" }), 409, "uniqueness");
  });
});

describe("filters, paging and projection", () => {
  it("pages in a stable order with totalResults and startIndex", async () => {
    for (let i = 0; i < 5; i++) expectScim(await acme.createUser(user(`page${i}@acme.test`, { displayName: `Pager ${i}` })), 201);
    const all = expectScim(await acme.listUsers(qs({ filter: 'userName sw "page"', count: 10 })), 200);
    expect(all.totalResults).toBe(5);
    const first = expectScim(await acme.listUsers(qs({ filter: 'userName sw "page"', startIndex: 1, count: 2 })), 200);
    const second = expectScim(await acme.listUsers(qs({ filter: 'userName sw "page"', startIndex: 3, count: 2 })), 200);
    const third = expectScim(await acme.listUsers(qs({ filter: 'userName sw "page"', startIndex: 5, count: 2 })), 200);
    expect([first, second, third].map((p) => p.itemsPerPage)).toEqual([2, 2, 1]);
    expect([...first.Resources, ...second.Resources, ...third.Resources].map((r: { id: string }) => r.id)).toEqual(all.Resources.map((r: { id: string }) => r.id));
    expect(second).toMatchObject({ startIndex: 3, totalResults: 5 });
  });

  it("supports and, or, not, co, pr and meta.lastModified gt", async () => {
    const ids = async (filter: string) => expectScim(await acme.listUsers(qs({ filter })), 200).Resources.map((r: { userName: string }) => r.userName).sort();
    expect(await ids('userName sw "page" and (displayName co "r 1" or displayName ew "r 3")')).toEqual(["page1@acme.test", "page3@acme.test"]);
    expect(await ids('userName sw "page" and not (displayName co "Pager")')).toEqual([]);
    expect(await ids('emails.value eq "mark@acme.test"')).toEqual(["mark@acme.test"]);
    expect((await ids('externalId pr and userName sw "page"')).length).toBe(0);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(await ids(`meta.lastModified gt "${future}"`)).toEqual([]);
    expect((await ids('meta.lastModified gt "2000-01-01T00:00:00Z" and userName sw "page"')).length).toBe(5);
    // Literal % and _ in a value match themselves, not everything.
    expect(await ids('userName co "%"')).toEqual([]);
  });

  it("returns only the asked attributes (id and schemas always), or all but the excluded", async () => {
    const list = expectScim(await acme.listUsers(qs({ filter: 'userName eq "page0@acme.test"', attributes: "userName,name.givenName" })), 200);
    expect(Object.keys(list.Resources[0]).sort()).toEqual(["id", "schemas", "userName"]);
    const excluded = expectScim(await acme.listUsers(qs({ filter: 'userName eq "page0@acme.test"', excludedAttributes: "emails,meta" })), 200);
    expect(excluded.Resources[0]).not.toHaveProperty("emails");
    expect(excluded.Resources[0]).not.toHaveProperty("meta");
    expect(excluded.Resources[0]).toHaveProperty("userName");
  });

  it("lists the tenant's existing members too (created in the app), with their email as userName", async () => {
    const body = expectScim(await acme.listUsers(qs({ filter: 'userName eq "admin@acme.test"' })), 200);
    expect(body.Resources).toEqual([expect.objectContaining({ userName: "admin@acme.test", active: true })]);
  });
});

describe("tenant isolation", () => {
  it("a token sees only its tenant's users and groups; other tenants' ids are 404 for reads and writes", async () => {
    const mine = expectScim(await globex.createUser(user("gina@globex.test")), 201);
    const group = expectScim(await globex.createGroup({ schemas: [CORE_GROUP], displayName: "Globex IdP", members: [{ value: mine.id }] }), 201);
    const acmeList = expectScim(await acme.listUsers(qs({ count: 1000 })), 200);
    expect(acmeList.Resources.map((r: { userName: string }) => r.userName)).not.toContain("gina@globex.test");
    expect(expectScim(await acme.listGroups(qs({ count: 1000 })), 200).Resources.map((g: { id: string }) => g.id)).not.toContain(group.id);
    expect(expectScim(await acme.listUsers(qs({ filter: `id eq "${mine.id}"` })), 200).totalResults).toBe(0);

    expectScimError(await acme.getUser(mine.id), 404);
    expectScimError(await acme.putUser(mine.id, user("gina@globex.test")), 404);
    expectScimError(await acme.patchUser(mine.id, [{ op: "replace", value: { active: false } }]), 404);
    expectScimError(await acme.deleteUser(mine.id), 404);
    expectScimError(await acme.getGroup(group.id), 404);
    expectScimError(await acme.patchGroup(group.id, [{ op: "remove", path: "members" }]), 404);
    expectScimError(await acme.deleteGroup(group.id), 404);
    expect(expectScim(await globex.getUser(mine.id), 200).active).toBe(true);
    expect(expectScim(await globex.getGroup(group.id), 200).members).toHaveLength(1);
  });

  it("a user in two tenants: deactivation and delete in one leave the other alone", async () => {
    const inGlobex = expectScim(await globex.createUser(user("shared@both.test")), 201);
    const inAcme = expectScim(await acme.createUser(user("shared@both.test")), 201);
    expect(inAcme.id).toBe(inGlobex.id);
    expectScim(await acme.patchUser(inAcme.id, [{ op: "replace", value: { active: false } }]), 200);
    expect(expectScim(await globex.getUser(inAcme.id), 200).active).toBe(true);
    expectScimError(await acme.patchUser(inAcme.id, [{ op: "replace", path: 'emails[type eq "work"].value', value: "moved@both.test" }]), 400, "mutability");
    expectScim(await acme.deleteUser(inAcme.id), 204);
    expect(expectScim(await globex.getUser(inAcme.id), 200).userName).toBe("shared@both.test");
  });

  it("a manual team is not a SCIM group", async () => {
    const [engineering] = await getDb().select().from(teams).where(eq(teams.name, "Engineering"));
    expect(engineering?.source).toBe("manual");
    expectScimError(await acme.getGroup(engineering!.id), 404);
  });
});

describe("discovery", () => {
  it("ServiceProviderConfig states what is supported", async () => {
    const res = await call(spcRoute, { path: "/scim/v2/ServiceProviderConfig" });
    expect(res.headers.get("content-type")).toBe(SCIM_TYPE);
    expect(res.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 1000 },
      sort: { supported: false },
      etag: { supported: false },
      changePassword: { supported: false },
      authenticationSchemes: [expect.objectContaining({ type: "oauthbearertoken" })],
    });
  });

  it("ResourceTypes and Schemas describe User (with the enterprise extension) and Group", async () => {
    const types = (await call(resourceTypesRoute, { path: "/scim/v2/ResourceTypes" })).body;
    expect(types.Resources.map((r: { id: string; endpoint: string }) => [r.id, r.endpoint])).toEqual([["User", "/Users"], ["Group", "/Groups"]]);
    expect(types.Resources[0].schemaExtensions).toEqual([{ schema: ENTERPRISE, required: false }]);
    const schemas = (await call(schemasRoute, { path: "/scim/v2/Schemas" })).body;
    expect(schemas.Resources.map((s: { id: string }) => s.id)).toEqual([CORE_USER, ENTERPRISE, CORE_GROUP]);
    const enterprise = schemas.Resources[1].attributes.map((a: { name: string }) => a.name);
    expect(enterprise).toContain("department");
  });
});
