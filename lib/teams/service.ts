/**
 * Teams of a tenant (Settings → Teams). Tenant admins manage manual teams; SCIM-synced teams
 * are owned by the identity provider and read-only here. Team grants are evaluated against
 * membership at request time, so a removal takes effect on the next request.
 */
import type { Actor } from "@/lib/auth/actor";
import { AppError, forbidden, notFound } from "@/lib/api/errors";
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

export async function createTeam(actor: Actor, input: CreateTeamInput) {
  const team = await repo.insertTeam(adminTenant(actor), input.name);
  if (!team) throw new AppError("resource/conflict", "A team with this name already exists", { fields: [{ field: "name", message: "Already taken" }] });
  return { id: team.id, name: team.name, source: team.source, members: [] };
}

export async function deleteTeam(actor: Actor, teamId: string) {
  await repo.deleteTeam((await manualTeam(actor, teamId)).id);
}

export async function addTeamMember(actor: Actor, teamId: string, userId: string) {
  const team = await manualTeam(actor, teamId);
  if (!(await areTenantMembersOf(team.tenantId, [userId]))) {
    throw new AppError("request/invalid", "The request has invalid fields", { fields: [{ field: "user_id", message: "Not a member of this tenant" }] });
  }
  await repo.addTeamMember(team.id, userId);
}

export async function removeTeamMember(actor: Actor, teamId: string, userId: string) {
  const team = await manualTeam(actor, teamId);
  if (!(await repo.removeTeamMember(team.id, userId))) throw notFound("Team member");
}

/** For other services: the team when it belongs to the tenant, else null. */
export const findTeamInTenant = (tenantId: string, teamId: string) => repo.findTeam(tenantId, teamId);
