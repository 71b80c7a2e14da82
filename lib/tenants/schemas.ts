import { z } from "zod";
import { tenantRole } from "@/db/schema";

export const TenantRole = z.enum(tenantRole.enumValues);
export const MemberParams = z.object({ user_id: z.uuid() });
export const UpdateMemberInput = z
  .strictObject({ role: TenantRole.optional(), active: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.active !== undefined, { message: "Send role, active or both" });
export type UpdateMemberInput = z.infer<typeof UpdateMemberInput>;

export const MemberJson = z.object({ id: z.uuid(), name: z.string(), email: z.string(), role: TenantRole, active: z.boolean() });
export type MemberJson = z.infer<typeof MemberJson>;

/** Someone outside the tenant with POCs shared with them (Settings → Members, "External guests"). */
export type ExternalGuestJson = {
  id: string;
  name: string;
  email: string;
  shared: { grant_id: string; poc_id: string; poc_title: string; actions: string[]; expires_at: string | null }[];
};
