import type { MemberJson } from "@/lib/tenants/schemas";

export type RoleValue = MemberJson["role"];

/** Tenant roles in the order the role select offers them. */
export const ROLE_LABELS: Record<RoleValue, string> = {
  tenant_admin: "Admin",
  member: "Member",
  executive: "Executive",
};

export const ROLE_OPTIONS = Object.entries(ROLE_LABELS) as [RoleValue, string][];
