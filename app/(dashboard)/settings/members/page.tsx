import type { Metadata } from "next";
import { ExternalGuests } from "@/components/settings/external-guests";
import { InviteMemberForm } from "@/components/settings/invite-member-form";
import { PendingInvites } from "@/components/settings/pending-invites";
import { MemberTable } from "@/components/settings/member-table";
import { SettingsBreadcrumb } from "@/components/settings/settings-breadcrumb";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePageActor } from "@/lib/auth/page";
import { emailDelivery } from "@/lib/email/service";
import { listExternalGuests, listMemberInvites, listMembers, membersAwaitingPassword } from "@/lib/tenants/service";
import {
  inviteMemberAction,
  removeExternalGuestAction,
  resendMemberInviteAction,
  revokeMemberInviteAction,
  sendPasswordLinkAction,
  setMemberActiveAction,
  updateMemberRoleAction,
} from "./actions";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const actor = await requirePageActor();
  if (actor.role !== "tenant_admin" || !actor.tenantId) return <Forbidden message="Only tenant admins can manage members." />;
  const [members, guests, awaitingPassword, invites] = await Promise.all([
    listMembers(actor),
    listExternalGuests(actor),
    membersAwaitingPassword(actor),
    listMemberInvites(actor),
  ]);
  const active = members.filter((m) => m.active).length;
  return (
    <div className="narrow-wide">
      <SettingsBreadcrumb />
      <h1>Members</h1>
      <p className="muted lead">
        People in {actor.tenantName ?? "your tenant"}. <strong>Admins</strong> manage everything and see every POC; <strong>members</strong> create POCs
        and see what is shared with them; <strong>executives</strong> see what is shared with them. A change takes effect on the person&apos;s next
        request; a deactivated person is signed out and loses all access.
      </p>
      <section className="card" aria-labelledby="members-heading">
        <div className="card-header">
          <h2 id="members-heading">People</h2>
          <span className="muted small">
            {members.length === 1 ? "1 member" : `${members.length} members`}, {active} active
          </span>
        </div>
        {members.length === 0 ? (
          <p className="muted">No members yet.</p>
        ) : (
          <MemberTable
            members={members}
            currentUserId={actor.userId}
            awaitingPassword={awaitingPassword}
            updateRole={updateMemberRoleAction}
            setActive={setMemberActiveAction}
            sendPasswordLink={sendPasswordLinkAction}
            emailDelivery={emailDelivery()}
          />
        )}
      </section>
      <InviteMemberForm invite={inviteMemberAction} emailDelivery={emailDelivery()} />
      <PendingInvites invites={invites} resend={resendMemberInviteAction} revoke={revokeMemberInviteAction} emailDelivery={emailDelivery()} />
      <ExternalGuests guests={guests} tenantName={actor.tenantName ?? "your tenant"} remove={removeExternalGuestAction} />
    </div>
  );
}
