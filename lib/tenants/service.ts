/**
 * Members of a tenant (Settings → Members): tenant admins change roles and deactivate users.
 * Access is evaluated per request, so both take effect on the user's next request.
 */
import type { Actor } from "@/lib/auth/actor";
import type { TenantRole } from "@/db/schema";
import { AppError, forbidden, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { endSessionsForUserIn } from "@/lib/auth/sessions";
import { transaction } from "@/lib/db/repo";
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
  const roleChange = input.role && input.role !== member.role ? input.role : null;
  const activeChange = input.active !== undefined && input.active !== member.active ? input.active : null;
  await transaction(async (tx) => {
    if (roleChange) {
      await repo.setRole(tx, tenantId, userId, roleChange);
      await recordAudit(tx, actor, { tenantId, action: "member.role_changed", subjectType: "user", subjectId: userId, payload: { email: member.email, before: member.role, after: roleChange } });
    }
    if (activeChange !== null) {
      await repo.setActive(tx, tenantId, userId, activeChange);
      await recordAudit(tx, actor, { tenantId, action: activeChange ? "member.reactivated" : "member.deactivated", subjectType: "user", subjectId: userId, payload: { email: member.email } });
    }
    // A deactivated user, or one whose role narrowed, signs in again: copied cookies die now.
    if (activeChange === false || (roleChange && ROLE_RANK[roleChange] < ROLE_RANK[member.role])) {
      await endSessionsForUserIn(tx, userId, tenantId);
    }
  });
  return (await repo.findMember(tenantId, userId))!;
}

/** How much a role may do; a change to a lower rank is a narrowing. */
const ROLE_RANK: Record<TenantRole, number> = { executive: 0, member: 1, tenant_admin: 2 };
