/**
 * Members of a tenant (Settings → Members): tenant admins change roles and deactivate users.
 * Access is evaluated per request, so both take effect on the user's next request.
 */
import type { Actor } from "@/lib/auth/actor";
import { AppError, forbidden, notFound } from "@/lib/api/errors";
import * as repo from "./repo";
import type { MemberJson, UpdateMemberInput } from "./schemas";

function adminTenant(actor: Actor): string {
  if (actor.role !== "tenant_admin" || !actor.tenantId) throw forbidden("Only tenant admins manage members");
  return actor.tenantId;
}

/** Members are visible to everyone in the tenant (assignees, share suggestions). */
export async function listMembers(actor: Actor): Promise<MemberJson[]> {
  if (!actor.tenantId) return [];
  return repo.listMembers(actor.tenantId);
}

/** Members of a given tenant, for services that already checked the caller's access. */
export const listTenantMembers = (tenantId: string): Promise<MemberJson[]> => repo.listMembers(tenantId);

export async function areTenantMembersOf(tenantId: string, userIds: string[]): Promise<boolean> {
  const unique = [...new Set(userIds)];
  return unique.length === 0 || (await repo.countMembers(tenantId, unique)) === unique.length;
}

export async function updateMember(actor: Actor, userId: string, input: UpdateMemberInput): Promise<MemberJson> {
  const tenantId = adminTenant(actor);
  const member = await repo.findMember(tenantId, userId);
  if (!member) throw notFound("Member");
  const losesAdmin = member.role === "tenant_admin" && member.active && ((input.role && input.role !== "tenant_admin") || input.active === false);
  if (losesAdmin && (await repo.countOtherActiveAdmins(tenantId, userId)) === 0) {
    throw new AppError("resource/conflict", "A tenant needs at least one active admin");
  }
  if (input.role) await repo.setRole(tenantId, userId, input.role);
  if (input.active !== undefined) await repo.setActive(tenantId, userId, input.active);
  return (await repo.findMember(tenantId, userId))!;
}
