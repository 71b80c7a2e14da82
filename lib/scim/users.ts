/**
 * SCIM Users: the members of the token's tenant. A SCIM user is a global account (email
 * unique) with a membership here (role `member` unless an admin changes it in the app).
 * `active: false` deactivates the membership: no access in this tenant from the next request
 * on (the per-request actor and access queries read it), and the user's API tokens here are
 * revoked. DELETE removes the membership; the account survives if it belongs elsewhere.
 * An account without a password is emailed a link to choose one when it becomes an active
 * member (created, reactivated, or given a new email). SCIM never takes away the tenant's last
 * active admin: the IdP gets 400 mutability and nothing changes.
 */
import { recordAudit } from "@/lib/audit/service";
import { endSessionsForUserIn } from "@/lib/auth/sessions";
import { queueAccountSetup } from "@/lib/invites/service";
import { isLastActiveAdmin } from "@/lib/tenants/service";
import type { Executor } from "@/lib/db/repo";
import { revokeUserGrantsInTenant } from "@/lib/sharing/service";
import type { ScimCaller } from "./caller";
import { ScimError, parseScim, scimInvalidValue, scimMutability, scimNotFound, scimUniqueness } from "./errors";
import { filterToSql } from "./filter";
import type { ScimArgs, ScimResult } from "./handler";
import { applyAttributeOps, parsePatch, stripCoreUrn } from "./patch";
import * as repo from "./repo";
import { listParams, listResponse, project, projectionOf, userLocation, userResource, type ScimUserAttributes } from "./resources";
import { CORE_USER, ENTERPRISE_USER, ScimUserInput } from "./schemas";

type Args = ScimArgs<{ id: string }>;

export async function listUsers({ tx, caller, query }: ScimArgs<undefined>): Promise<ScimResult> {
  const params = listParams(query);
  const where = params.filter ? filterToSql(params.filter, repo.USER_ATTRS) : undefined;
  const [rows, total] = await Promise.all([
    params.count > 0 ? repo.listUsers(tx, caller.tenantId, where, params.startIndex - 1, params.count) : Promise.resolve([]),
    repo.countUsers(tx, caller.tenantId, where),
  ]);
  const resources = rows.map((row) => project(userResource(row), params));
  return { status: 200, body: listResponse(resources, total, params.startIndex) };
}

async function loadUser(tx: Executor, caller: ScimCaller, id: string) {
  const row = await repo.findUser(tx, caller.tenantId, id);
  if (!row) throw scimNotFound("User");
  return row;
}

export async function getUser({ tx, caller, params, query }: Args): Promise<ScimResult> {
  return { status: 200, body: project(userResource(await loadUser(tx, caller, params.id)), projectionOf(query)) };
}

/** The account's email: the primary email, else the first, else a userName that is an email. */
function emailOf(input: ScimUserInput): string {
  const email = input.emails?.find((e) => e.primary === true)?.value ?? input.emails?.[0]?.value;
  if (email) return email;
  const userName = input.userName.toLowerCase();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(userName)) return userName;
  throw scimInvalidValue("A user needs an email address: send emails or an email as userName");
}

function displayNameOf(input: ScimUserInput): string {
  const { name } = input;
  const fromParts = [name?.givenName, name?.familyName].filter(Boolean).join(" ");
  return (input.displayName || name?.formatted || fromParts || input.userName).slice(0, 200);
}

function membershipValues(input: ScimUserInput) {
  const attributes: ScimUserAttributes = {
    displayName: input.displayName ?? null,
    name: input.name ?? null,
    nickName: input.nickName ?? null,
    title: input.title ?? null,
    userType: input.userType ?? null,
    preferredLanguage: input.preferredLanguage ?? null,
    locale: input.locale ?? null,
    timezone: input.timezone ?? null,
    enterprise: input[ENTERPRISE_USER] ?? null,
  };
  return { userName: input.userName, externalId: input.externalId ?? null, scimAttributes: attributes as Record<string, unknown>, active: input.active ?? true };
}

async function assertUnique(tx: Executor, caller: ScimCaller, input: ScimUserInput, exceptUserId?: string) {
  const conflict = await repo.findConflictingMember(tx, caller.tenantId, input.userName, input.externalId ?? null, exceptUserId);
  if (!conflict) return;
  const field = conflict.userName?.toLowerCase() === input.userName.toLowerCase() ? "userName" : "externalId";
  throw scimUniqueness(`A user with this ${field} already exists in this tenant`);
}

const auditPayload = (input: ScimUserInput, extra: Record<string, unknown> = {}) => ({
  userName: input.userName,
  externalId: input.externalId ?? null,
  active: input.active ?? true,
  ...extra,
});

/** The provisioned member has no password yet: a link to choose one (outbox, same transaction). */
async function sendAccountSetup(tx: Executor, caller: ScimCaller, email: string): Promise<{ setPasswordLinkSent: true }> {
  await queueAccountSetup(tx, { tenantId: caller.tenantId, tenantName: caller.tenantName, email });
  return { setPasswordLinkSent: true };
}

/**
 * One statement creates the account (or links the existing one) and the membership; the
 * unique indexes answer userName, externalId and email conflicts with 409 uniqueness.
 */
export async function createUser({ tx, caller, body }: ScimArgs<undefined>): Promise<ScimResult> {
  const input = parseScim(ScimUserInput, body);
  const email = emailOf(input);
  const account = { email, name: displayNameOf(input) };
  const values = membershipValues(input);
  const row = (await repo.insertMember(tx, caller.tenantId, account, values)) ?? (await repo.insertMember(tx, caller.tenantId, account, values));
  if (!row) throw scimUniqueness("Another request is creating an account with this email: try again");
  const setup = row.membershipActive && !row.hasPassword ? await sendAccountSetup(tx, caller, email) : {};
  await recordAudit(tx, caller, {
    tenantId: caller.tenantId,
    action: "scim.user.created",
    subjectType: "user",
    subjectId: row.id,
    payload: auditPayload(input, { email, linkedExistingAccount: row.linked, ...setup }),
  });
  return { status: 201, body: userResource(row), location: userLocation(row.id), queuedEmail: "setPasswordLinkSent" in setup };
}

/** Deactivating or removing the tenant's only active admin would leave nobody to manage it. */
async function assertNotLastAdmin(tx: Executor, caller: ScimCaller, row: repo.ScimUserRow) {
  if (row.role !== "tenant_admin" || !row.active) return;
  if (await isLastActiveAdmin(tx, caller.tenantId, row.id)) {
    throw scimMutability("This user is the only active admin of this organisation: make someone else an admin in the app first");
  }
}

/** PUT and PATCH end here: `input` is the whole new state of the user. */
async function writeUser(tx: Executor, caller: ScimCaller, row: repo.ScimUserRow, input: ScimUserInput, action: string): Promise<ScimResult> {
  if (input.id !== undefined && input.id !== row.id) throw scimMutability("id is read-only");
  await assertUnique(tx, caller, input, row.id);
  const email = emailOf(input);
  // The account is global: its email and name change only when it belongs to this tenant alone.
  const soleTenant = (await repo.countOtherMemberships(tx, row.id, caller.tenantId)) === 0;
  const profile: { name?: string; email?: string } = {};
  if (email !== row.email) {
    if (!soleTenant) throw scimMutability("This account also belongs to another organisation; its email cannot be changed here");
    const holder = await repo.findUserIdByEmail(tx, email);
    if (holder && holder !== row.id) throw scimUniqueness("Another account already uses this email");
    profile.email = email;
  }
  const name = displayNameOf(input);
  if (soleTenant && name !== row.name) profile.name = name;
  await repo.updateUserProfile(tx, row.id, profile);
  const values = membershipValues(input);
  await repo.updateMembership(tx, caller.tenantId, row.id, values);
  const changes: Record<string, unknown> = { ...auditPayload(input), ...(profile.email ? { email: profile.email } : {}) };
  if (row.membershipActive && !values.active) await assertNotLastAdmin(tx, caller, row);
  if (values.active && !row.hasPassword && (!row.membershipActive || profile.email)) Object.assign(changes, await sendAccountSetup(tx, caller, email));
  if (row.membershipActive && !values.active) {
    // Access here ends on the next request (actor and access queries read the flag); API
    // tokens and the user's sessions in this tenant are ended outright, in this transaction.
    changes.revokedApiTokens = await repo.revokeUserApiTokens(tx, caller.tenantId, row.id);
    changes.endedSessions = await endSessionsForUserIn(tx, row.id, caller.tenantId);
    action = "scim.user.deactivated";
  } else if (!row.membershipActive && values.active) {
    action = "scim.user.reactivated";
  }
  await recordAudit(tx, caller, { tenantId: caller.tenantId, action, subjectType: "user", subjectId: row.id, payload: changes });
  return { status: 200, body: userResource((await repo.findUser(tx, caller.tenantId, row.id))!), queuedEmail: changes.setPasswordLinkSent === true };
}

export async function replaceUser({ tx, caller, params, body }: Args): Promise<ScimResult> {
  const row = await loadUser(tx, caller, params.id);
  const input = parseScim(ScimUserInput, body);
  assertMetaUnchanged(input.meta, userResource(row).meta as Record<string, unknown>);
  return writeUser(tx, caller, row, input, "scim.user.replaced");
}

/** meta is read-only: a PUT may echo it back, but not with other values (lastModified aside). */
function assertMetaUnchanged(sent: Record<string, unknown> | undefined, current: Record<string, unknown>) {
  if (!sent) return;
  for (const [key, value] of Object.entries(sent)) {
    if (key === "lastModified" || key === "version") continue;
    if (JSON.stringify(value) !== JSON.stringify(current[key])) throw scimMutability(`meta.${key} is read-only`);
  }
}

// The attributes this service stores; operations on any other attribute are ignored (Entra
// sends phoneNumbers, addresses… which the app does not keep).
const STORED_USER_ATTRIBUTES = new Set(
  ["id", "meta", "schemas", "externalId", "userName", "name", "displayName", "nickName", "title", "userType", "preferredLanguage", "locale", "timezone", "active", "emails"].map((a) => a.toLowerCase()),
);

function isStoredPath(path: string): boolean {
  if (path.toLowerCase().startsWith(ENTERPRISE_USER.toLowerCase())) return true;
  const top = /^[^.[]+/.exec(path)?.[0]?.toLowerCase() ?? "";
  return STORED_USER_ATTRIBUTES.has(top);
}

export async function patchUser({ tx, caller, params, body }: Args): Promise<ScimResult> {
  const row = await loadUser(tx, caller, params.id);
  const ops = parsePatch(body)
    .map((op) => (op.path ? { ...op, path: stripCoreUrn(op.path, CORE_USER) } : op))
    .filter((op) => !op.path || isStoredPath(op.path));
  for (const op of ops) if (!op.path && (typeof op.value !== "object" || op.value === null || Array.isArray(op.value))) {
    throw new ScimError(400, `A "${op.op}" without a path needs an object value`, "invalidValue");
  }
  const patched = applyAttributeOps(userResource(row), ops);
  const input = parseScim(ScimUserInput, patched);
  return writeUser(tx, caller, row, input, "scim.user.patched");
}

export async function deleteUser({ tx, caller, params }: Args): Promise<ScimResult> {
  const row = await loadUser(tx, caller, params.id);
  await assertNotLastAdmin(tx, caller, row);
  await repo.removeFromTenantTeams(tx, caller.tenantId, row.id);
  const revokedApiTokens = await repo.revokeUserApiTokens(tx, caller.tenantId, row.id);
  const revokedGrants = await revokeUserGrantsInTenant(tx, caller, caller.tenantId, row.id);
  const endedSessions = await endSessionsForUserIn(tx, row.id, caller.tenantId);
  await repo.deleteMembership(tx, caller.tenantId, row.id);
  const account = (await repo.countOtherMemberships(tx, row.id, caller.tenantId)) === 0 ? await repo.retireOrphanUser(tx, row.id) : "kept";
  await recordAudit(tx, caller, {
    tenantId: caller.tenantId,
    action: "scim.user.deleted",
    subjectType: "user",
    subjectId: row.id,
    payload: { userName: row.userName, externalId: row.externalId, account, revokedApiTokens, revokedGrants, endedSessions },
  });
  return { status: 204 };
}
