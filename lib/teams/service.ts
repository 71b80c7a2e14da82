/**
 * Teams of a tenant (Settings → Teams). Tenant admins manage manual teams; SCIM-synced teams
 * are owned by the identity provider and read-only here. Team grants are evaluated against
 * membership at request time, so a removal takes effect on the next request.
 */
import type { Actor } from "@/lib/auth/actor";
import { AppError, forbidden, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { isUniqueViolation, transaction, type Executor } from "@/lib/db/repo";
import { areTenantMembersOf } from "@/lib/tenants/service";
import * as repo from "./repo";
import type { CreateTeamInput, TeamJson } from "./schemas";

function adminTenant(actor: Actor): string {
  if (actor.role !== "tenant_admin" || !actor.tenantId) throw forbidden("Only tenant admins manage teams");
  return actor.tenantId;
}

/** Teams are listed for every member (the Share dialog offers them); managed by admins. */
export async function listTeams(actor: Actor): Promise<TeamJson[]> {
  if (!actor.tenantId) return [];
  const rows = await repo.listTeamsWithMembers(actor.tenantId);
  return rows.map((t) => ({ id: t.id, name: t.name, source: t.source, members: t.members.map(({ id, name, email }) => ({ id, name, email })) }));
}

async function manualTeam(actor: Actor, teamId: string) {
  const team = await repo.findTeam(adminTenant(actor), teamId);
  if (!team) throw notFound("Team");
  if (team.source === "scim") throw forbidden("This team is synced from your identity provider; change it there");
  return team;
}

const nameTaken = () => new AppError("resource/conflict", "A team with this name already exists", { fields: [{ field: "name", message: "Already taken" }] });

/** A team change and its audit row, in one transaction. */
function audited<T>(actor: Actor, tenantId: string, action: string, work: (tx: Executor) => Promise<T>, describe: (result: T) => { teamId: string; payload: Record<string, unknown> }) {
  return transaction(async (tx) => {
    const result = await work(tx);
    const { teamId, payload } = describe(result);
    await recordAudit(tx, actor, { tenantId, action, subjectType: "team", subjectId: teamId, payload });
    return result;
  });
}

export async function createTeam(actor: Actor, input: CreateTeamInput) {
  const tenantId = adminTenant(actor);
  const team = await audited(
    actor,
    tenantId,
    "team.created",
    async (tx) => {
      const created = await repo.insertTeam(tx, tenantId, input.name);
      if (!created) throw nameTaken();
      return created;
    },
    (t) => ({ teamId: t.id, payload: { name: t.name } }),
  );
  return { id: team.id, name: team.name, source: team.source, members: [] };
}

export async function renameTeam(actor: Actor, teamId: string, input: CreateTeamInput) {
  const team = await manualTeam(actor, teamId);
  try {
    const renamed = await audited(
      actor,
      team.tenantId,
      "team.renamed",
      async (tx) => {
        const row = await repo.renameTeam(tx, team.id, input.name);
        if (!row) throw notFound("Team");
        return row;
      },
      () => ({ teamId: team.id, payload: { before: { name: team.name }, after: { name: input.name } } }),
    );
    return { id: renamed.id, name: renamed.name, source: renamed.source };
  } catch (error) {
    if (isUniqueViolation(error, "teams_tenant_name_key")) throw nameTaken();
    throw error;
  }
}

export async function deleteTeam(actor: Actor, teamId: string) {
  const team = await manualTeam(actor, teamId);
  await audited(actor, team.tenantId, "team.deleted", (tx) => repo.deleteTeam(tx, team.id), () => ({ teamId: team.id, payload: { name: team.name } }));
}

export async function addTeamMember(actor: Actor, teamId: string, userId: string) {
  const team = await manualTeam(actor, teamId);
  if (!(await areTenantMembersOf(team.tenantId, [userId]))) {
    throw new AppError("request/invalid", "The request has invalid fields", { fields: [{ field: "user_id", message: "Not a member of this tenant" }] });
  }
  await transaction(async (tx) => {
    if (!(await repo.addTeamMember(tx, team.id, userId))) return;
    await recordAudit(tx, actor, { tenantId: team.tenantId, action: "team.member_added", subjectType: "team", subjectId: team.id, payload: { team: team.name, user_id: userId } });
  });
}

export async function removeTeamMember(actor: Actor, teamId: string, userId: string) {
  const team = await manualTeam(actor, teamId);
  await audited(
    actor,
    team.tenantId,
    "team.member_removed",
    async (tx) => {
      if (!(await repo.removeTeamMember(tx, team.id, userId))) throw notFound("Team member");
    },
    () => ({ teamId: team.id, payload: { team: team.name, user_id: userId } }),
  );
}

/** For other services: the team when it belongs to the tenant, else null. */
export const findTeamInTenant = (tenantId: string, teamId: string) => repo.findTeam(tenantId, teamId);
