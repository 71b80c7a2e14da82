/**
 * Helpers for the SCIM suites: an identity provider calling /scim/v2 route handlers with a
 * tenant's SCIM token, and a user of the app calling the POC API (to see SCIM's effect).
 */
import { expect } from "vitest";
import { GET as getPocRoute } from "@/app/api/v1/pocs/[poc_id]/route";
import { DELETE as deleteGroupRoute, GET as getGroupRoute, PATCH as patchGroupRoute, PUT as putGroupRoute } from "@/app/scim/v2/Groups/[id]/route";
import { GET as listGroupsRoute, POST as postGroupRoute } from "@/app/scim/v2/Groups/route";
import { DELETE as deleteUserRoute, GET as getUserRoute, PATCH as patchUserRoute, PUT as putUserRoute } from "@/app/scim/v2/Users/[id]/route";
import { GET as listUsersRoute, POST as postUserRoute } from "@/app/scim/v2/Users/route";
import { createScimToken } from "@/lib/scim-tokens/service";
import { createGrant } from "@/lib/sharing/service";
import { actor, call, newSession, pocId, type DemoKey, type DemoPocKey } from "./helpers";

export const SCIM_TYPE = "application/scim+json";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

type Res = Awaited<ReturnType<typeof call>>;

/** An identity provider holding a fresh SCIM token of the admin's tenant. */
export async function scimClient(admin: DemoKey = "acmeAdmin") {
  const { token, id } = await createScimToken(await actor(admin), { name: `IdP ${Math.random().toString(36).slice(2, 8)}` });
  const headers = { authorization: `Bearer ${token}`, "content-type": SCIM_TYPE };
  const send = (handler: Parameters<typeof call>[0], method: string, path: string, body?: unknown, params?: Record<string, string>) =>
    call(handler, { method, path: `/scim/v2${path}`, headers, body, params });
  return {
    token,
    tokenId: id,
    listUsers: (qs = "") => send(listUsersRoute, "GET", `/Users${qs}`),
    createUser: (body: unknown) => send(postUserRoute, "POST", "/Users", body),
    getUser: (id: string, qs = "") => send(getUserRoute, "GET", `/Users/${id}${qs}`, undefined, { id }),
    putUser: (id: string, body: unknown) => send(putUserRoute, "PUT", `/Users/${id}`, body, { id }),
    patchUser: (id: string, Operations: unknown[]) => send(patchUserRoute, "PATCH", `/Users/${id}`, { schemas: [PATCH_OP], Operations }, { id }),
    deleteUser: (id: string) => send(deleteUserRoute, "DELETE", `/Users/${id}`, undefined, { id }),
    listGroups: (qs = "") => send(listGroupsRoute, "GET", `/Groups${qs}`),
    createGroup: (body: unknown) => send(postGroupRoute, "POST", "/Groups", body),
    getGroup: (id: string, qs = "") => send(getGroupRoute, "GET", `/Groups/${id}${qs}`, undefined, { id }),
    putGroup: (id: string, body: unknown) => send(putGroupRoute, "PUT", `/Groups/${id}`, body, { id }),
    patchGroup: (id: string, Operations: unknown[]) => send(patchGroupRoute, "PATCH", `/Groups/${id}`, { schemas: [PATCH_OP], Operations }, { id }),
    deleteGroup: (id: string) => send(deleteGroupRoute, "DELETE", `/Groups/${id}`, undefined, { id }),
    raw: send,
  };
}
export type ScimClient = Awaited<ReturnType<typeof scimClient>>;

export const qs = (params: Record<string, string | number>) => `?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`;

/** Asserts a SCIM error: the status (as a string in the body too), scimType and content type. */
export function expectScimError(res: Res, status: number, scimType?: string) {
  expect({ status: res.status, bodyStatus: res.body?.status, scimType: res.body?.scimType }).toEqual({ status, bodyStatus: String(status), scimType });
  expect(res.body.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);
  expect(res.headers.get("content-type")).toBe(SCIM_TYPE);
  expect(typeof res.body.detail).toBe("string");
}

export function expectScim(res: Res, status: number) {
  expect({ status: res.status, detail: res.body?.detail }).toEqual({ status, detail: undefined });
  if (status !== 204) expect(res.headers.get("content-type")).toBe(SCIM_TYPE);
  return res.body;
}

/** A session cookie for any user id (SCIM users have no password to sign in with). */
export async function sessionFor(userId: string): Promise<Record<string, string>> {
  return { cookie: (await newSession({ userId })).cookie };
}

/** GET /api/v1/pocs/{id} as this user: the status tells whether they can open the POC. */
export async function pocStatusFor(userId: string, poc: DemoPocKey): Promise<number> {
  const id = await pocId(poc);
  const res = await call(getPocRoute, { path: `/api/v1/pocs/${id}`, params: { poc_id: id }, headers: await sessionFor(userId) });
  return res.status;
}

/** A view grant on a demo POC for a team, created by the tenant admin as in the Share dialog. */
export async function shareWithTeam(poc: DemoPocKey, teamId: string, admin: DemoKey = "acmeAdmin") {
  return createGrant(await actor(admin), { subject_type: "poc", subject_id: await pocId(poc), principal_type: "team", principal_id: teamId, actions: ["view"] } as never);
}
