import { z } from "zod";
import { tenantRole } from "@/db/schema";
import { Email } from "@/lib/sharing/schemas";

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

/** Settings → Members: invite someone to join the tenant with a role. */
export const InviteMemberInput = z.strictObject({ email: Email, role: TenantRole });
export type InviteMemberInput = z.infer<typeof InviteMemberInput>;

/** An invitation to join the tenant that was not used or revoked yet. */
export type MemberInviteJson = { id: string; email: string; role: z.infer<typeof TenantRole>; invited_by: string | null; created_at: string; expires_at: string; expired: boolean };
