/**
 * SCIM Groups: teams of the token's tenant with source `scim` (read-only in the app). Team
 * grants are evaluated against team_members at request time, so a membership change here
 * changes access on the very next request. Member changes are set operations in SQL.
 */
import { recordAudit } from "@/lib/audit/service";
import type { Executor } from "@/lib/db/repo";
import type { ScimCaller } from "./caller";
import { ScimError, parseScim, scimInvalidValue, scimMutability, scimNotFound, scimUniqueness } from "./errors";
import { filterToSql, parseFilter } from "./filter";
import type { ScimArgs, ScimResult } from "./handler";
import { applyAttributeOps, parsePatch, stripCoreUrn } from "./patch";
import * as repo from "./repo";
import { groupLocation, groupResource, listParams, listResponse, project, projectionOf, wants, type GroupRow } from "./resources";
import { CORE_GROUP, GroupMembers, ScimGroupInput, type PatchOperation } from "./schemas";

type Args = ScimArgs<{ id: string }>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listGroups({ tx, caller, query }: ScimArgs<undefined>): Promise<ScimResult> {
  const params = listParams(query);
  const where = params.filter ? filterToSql(params.filter, repo.GROUP_ATTRS) : undefined;
  const [rows, total] = await Promise.all([
    params.count > 0 ? repo.listGroups(tx, caller.tenantId, where, params.startIndex - 1, params.count) : Promise.resolve([]),
    repo.countGroups(tx, caller.tenantId, where),
  ]);
  // excludedAttributes=members (what Entra and Okta ask for) skips loading members at all.
  const members = wants(params, "members") ? await repo.membersOf(tx, rows.map((r) => r.id)) : null;
  const resources = rows.map((row) => project(groupResource(row, members && members.filter((m) => m.teamId === row.id)), params));
  return { status: 200, body: listResponse(resources, total, params.startIndex) };
}

async function loadGroup(tx: Executor, caller: ScimCaller, id: string) {
  const row = await repo.findGroup(tx, caller.tenantId, id, { forUpdate: true });
  if (!row) throw scimNotFound("Group");
  return row;
}

async function groupBody(tx: Executor, row: GroupRow, projection = { attributes: null as string[] | null, excluded: [] as string[] }) {
  const members = wants(projection, "members") ? await repo.membersOf(tx, [row.id]) : null;
  return project(groupResource(row, members), projection);
}

export async function getGroup({ tx, caller, params, query }: Args): Promise<ScimResult> {
  const row = await loadGroup(tx, caller, params.id);
  return { status: 200, body: await groupBody(tx, row, projectionOf(query)) };
}

async function assertUnique(tx: Executor, caller: ScimCaller, input: { displayName: string; externalId?: string | null }, exceptId?: string) {
  const named = await repo.findTeamNamed(tx, caller.tenantId, input.displayName, exceptId);
  if (named) throw scimUniqueness(named.source === "manual" ? "A team created in the app already has this name" : "A group with this displayName already exists");
  if (input.externalId && (await repo.findTeamByExternalId(tx, caller.tenantId, input.externalId, exceptId))) {
    throw scimUniqueness("A group with this externalId already exists");
  }
}

/** Member ids must be users of this tenant: anything else is 400 invalidValue, and the request's transaction rolls back. */
async function addTenantUsers(tx: Executor, caller: ScimCaller, teamId: string, members: unknown): Promise<string[]> {
  const list = parseScim(GroupMembers, members ?? []);
  const ids = [...new Set(list.map((m) => m.value.toLowerCase()))];
  const malformed = ids.find((id) => !UUID.test(id));
  if (malformed) throw scimInvalidValue(`Member "${malformed}" is not a user of this tenant`);
  const known = await repo.addTenantMembers(tx, caller.tenantId, teamId, ids);
  const unknown = ids.find((id) => !known.has(id));
  if (unknown) throw scimInvalidValue(`Member "${unknown}" is not a user of this tenant`);
  return ids;
}

export async function createGroup({ tx, caller, body }: ScimArgs<undefined>): Promise<ScimResult> {
  const input = parseScim(ScimGroupInput, body);
  await assertUnique(tx, caller, input);
  const row = await repo.insertGroup(tx, caller.tenantId, { name: input.displayName, externalId: input.externalId ?? null });
  const memberIds = await addTenantUsers(tx, caller, row.id, input.members);
  await recordAudit(tx, caller, {
    tenantId: caller.tenantId,
    action: "scim.group.created",
    subjectType: "team",
    subjectId: row.id,
    payload: { displayName: row.name, externalId: row.externalId, members: memberIds },
  });
  return { status: 201, body: await groupBody(tx, row), location: groupLocation(row.id) };
}

export async function replaceGroup({ tx, caller, params, body }: Args): Promise<ScimResult> {
  const row = await loadGroup(tx, caller, params.id);
  const input = parseScim(ScimGroupInput, body);
  if (input.id !== undefined && input.id !== row.id) throw scimMutability("id is read-only");
  await assertUnique(tx, caller, input, row.id);
  await repo.updateGroup(tx, row.id, { name: input.displayName, externalId: input.externalId ?? null });
  await repo.removeMembers(tx, row.id, "all");
  const memberIds = await addTenantUsers(tx, caller, row.id, input.members);
  await recordAudit(tx, caller, {
    tenantId: caller.tenantId,
    action: "scim.group.replaced",
    subjectType: "team",
    subjectId: row.id,
    payload: { displayName: input.displayName, externalId: input.externalId ?? null, members: memberIds },
  });
  return { status: 200, body: await groupBody(tx, (await repo.findGroup(tx, caller.tenantId, row.id))!) };
}

type MemberChange = { added: string[]; removed: string[] | "all" };

/** `members[value eq "id"]` (or an `or` of such): the ids it names. */
function idsInMemberFilter(path: string): string[] {
  const f = parseFilter(path);
  const ids: string[] = [];
  const walk = (node: typeof f): void => {
    if (node.op === "[]") return walk(node.valFilter);
    if (node.op === "or") return node.filters.forEach(walk);
    if (node.op === "eq" && node.attrPath.toLowerCase() === "value" && typeof node.compValue === "string") {
      ids.push(node.compValue.toLowerCase());
      return;
    }
    throw new ScimError(400, `Unsupported member filter "${path}": use members[value eq "id"]`, "invalidPath");
  };
  walk(f);
  return ids;
}

async function applyMemberOp(tx: Executor, caller: ScimCaller, teamId: string, op: PatchOperation["op"], value: unknown, change: MemberChange[]) {
  if (op === "remove") {
    if (value === undefined) {
      await repo.removeMembers(tx, teamId, "all");
      change.push({ added: [], removed: "all" });
      return;
    }
    // Entra: {"op":"Remove","path":"members","value":[{"value":"id"}]}. Removing a non-member is a no-op.
    const ids = parseScim(GroupMembers, value).map((m) => m.value.toLowerCase()).filter((id) => UUID.test(id));
    await repo.removeMembers(tx, teamId, ids);
    change.push({ added: [], removed: ids });
    return;
  }
  if (op === "replace") await repo.removeMembers(tx, teamId, "all");
  const ids = await addTenantUsers(tx, caller, teamId, Array.isArray(value) ? value : [value]);
  change.push({ added: ids, removed: op === "replace" ? "all" : [] });
}

export async function patchGroup({ tx, caller, params, body }: Args): Promise<ScimResult> {
  // Locked and marked modified at once: a membership PATCH (what IdPs send most) needs no other update.
  const row = await repo.touchGroup(tx, caller.tenantId, params.id);
  if (!row) throw scimNotFound("Group");
  const memberChanges: MemberChange[] = [];
  const attributeOps: PatchOperation[] = [];
  for (const op of parsePatch(body)) {
    const path = op.path ? stripCoreUrn(op.path, CORE_GROUP) : undefined;
    if (!path) {
      if (op.op === "remove") throw new ScimError(400, "remove needs a path", "noTarget");
      if (typeof op.value !== "object" || op.value === null || Array.isArray(op.value)) throw scimInvalidValue(`A "${op.op}" without a path needs an object value`);
      // Okta renames with {"op":"replace","value":{"id":…,"displayName":…}}; members may ride along.
      const rest: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(op.value)) {
        if (key.toLowerCase() === "members") await applyMemberOp(tx, caller, row.id, op.op, value, memberChanges);
        else rest[key] = value;
      }
      if (Object.keys(rest).length > 0) attributeOps.push({ op: op.op, value: rest });
    } else if (path.toLowerCase() === "members") {
      await applyMemberOp(tx, caller, row.id, op.op, op.value, memberChanges);
    } else if (/^members\[/i.test(path)) {
      // Okta: {"op":"remove","path":"members[value eq \"id\"]"}.
      if (op.op !== "remove") throw new ScimError(400, "Only remove may target members[…]; add members with path \"members\"", "invalidPath");
      const ids = idsInMemberFilter(path);
      await repo.removeMembers(tx, row.id, ids);
      memberChanges.push({ added: [], removed: ids });
    } else {
      attributeOps.push({ ...op, path });
    }
  }
  let update: { name?: string; externalId?: string | null } = {};
  if (attributeOps.length > 0) {
    const patched = applyAttributeOps(groupResource(row, null), attributeOps);
    const input = parseScim(ScimGroupInput, patched);
    await assertUnique(tx, caller, input, row.id);
    update = { name: input.displayName, externalId: input.externalId ?? null };
    await repo.updateGroup(tx, row.id, update);
  }
  await recordAudit(tx, caller, {
    tenantId: caller.tenantId,
    action: "scim.group.patched",
    subjectType: "team",
    subjectId: row.id,
    payload: { ...update, memberChanges },
  });
  // RFC 7644 §3.5.2: 204 is a complete answer, and it spares sending a large group back.
  return { status: 204 };
}

export async function deleteGroup({ tx, caller, params }: Args): Promise<ScimResult> {
  const row = await loadGroup(tx, caller, params.id);
  await repo.deleteGroup(tx, row.id);
  await recordAudit(tx, caller, { tenantId: caller.tenantId, action: "scim.group.deleted", subjectType: "team", subjectId: row.id, payload: { displayName: row.name, externalId: row.externalId } });
  return { status: 204 };
}
