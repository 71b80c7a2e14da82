"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { userAction } from "@/lib/auth/page";
import { InviteMemberInput, TenantRole } from "@/lib/tenants/schemas";
import * as tenants from "@/lib/tenants/service";

const PATH = "/settings/members";

/** Changes a member's role; takes effect on their next request. */
export async function updateMemberRoleAction(userId: string, role: z.input<typeof TenantRole>) {
  return userAction(z.object({ user_id: z.uuid(), role: TenantRole }), async (input, actor) => {
    const member = await tenants.updateMember(actor, input.user_id, { role: input.role });
    revalidatePath(PATH);
    return member;
  })({ user_id: userId, role });
}

/** Emails a member who has no password yet (provisioned by SCIM) a fresh link to choose one. */
export async function sendPasswordLinkAction(userId: string) {
  return userAction(z.object({ user_id: z.uuid() }), async (input, actor) => {
    await tenants.sendPasswordLink(actor, input.user_id);
    revalidatePath(PATH);
    return { sent: true as const };
  })({ user_id: userId });
}

/** Deactivates (signs out, no access) or reactivates a member. */
export async function setMemberActiveAction(userId: string, active: boolean) {
  return userAction(z.object({ user_id: z.uuid(), active: z.boolean() }), async (input, actor) => {
    const member = await tenants.updateMember(actor, input.user_id, { active: input.active });
    revalidatePath(PATH);
    return member;
  })({ user_id: userId, active });
}

/** Revokes everything shared with an external guest in this tenant. */
export async function removeExternalGuestAction(userId: string) {
  return userAction(z.object({ user_id: z.uuid() }), async (input, actor) => {
    const result = await tenants.removeExternalGuest(actor, input.user_id);
    revalidatePath(PATH);
    return result;
  })({ user_id: userId });
}

/** Invites someone by email to join the tenant with a role; the link goes out by email. */
export async function inviteMemberAction(input: z.input<typeof InviteMemberInput>) {
  return userAction(InviteMemberInput, async (parsed, actor) => {
    const invite = await tenants.inviteMember(actor, parsed);
    revalidatePath(PATH);
    return invite;
  })(input);
}

/** An action on one pending invitation of the tenant, by id. */
function onInvite<T>(inviteId: string, run: (actor: Actor, inviteId: string) => Promise<T>) {
  return userAction(z.object({ invite_id: z.uuid() }), async (input, actor) => {
    const result = await run(actor, input.invite_id);
    revalidatePath(PATH);
    return result;
  })({ invite_id: inviteId });
}

/** Emails an open invitation again with a fresh link; the earlier link stops working. */
export async function resendMemberInviteAction(inviteId: string) {
  return onInvite(inviteId, tenants.resendMemberInvite);
}

/** Revokes an open invitation: its link stops working. */
export async function revokeMemberInviteAction(inviteId: string) {
  return onInvite(inviteId, async (actor, id) => {
    await tenants.revokeMemberInvite(actor, id);
    return { revoked: true as const };
  });
}
