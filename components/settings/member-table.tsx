"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/auth/page";
import type { MemberJson } from "@/lib/tenants/schemas";
import { ConfirmButton, ConfirmDialog } from "@/components/ui/confirm-button";
import { ACTIONS_COLUMN, DataTable, RowActions } from "@/components/ui/data-table";
import { ROLE_LABELS, type RoleValue } from "./roles";
import { RoleOptions } from "./role-options";
import { SendButton } from "./send-button";
import { passwordLinkText, type EmailDelivery } from "@/components/sharing/share-copy";

const ROLE_ARTICLE: Record<RoleValue, string> = { tenant_admin: "an", member: "a", executive: "an" };

/** What the new role means, said before it is given. */
const ROLE_EFFECT: Record<RoleValue, string> = {
  tenant_admin: "Admins see, edit, share and delete every POC in the tenant, manage members, teams, API tokens, public links and embeds, and read the audit log.",
  member: "Members create POCs and see what is shared with them, but no longer manage the tenant.",
  executive: "Executives see what is shared with them; they do not create POCs or manage the tenant.",
};

type UpdateRole = (userId: string, role: RoleValue) => Promise<ActionResult<MemberJson>>;
type SetActive = (userId: string, active: boolean) => Promise<ActionResult<MemberJson>>;
type SendPasswordLink = (userId: string) => Promise<ActionResult<{ sent: true }>>;

type MemberActions = { updateRole: UpdateRole; setActive: SetActive; sendPasswordLink: SendPasswordLink; emailDelivery: EmailDelivery };

/**
 * Settings → Members: a role change confirmed in a dialog, deactivate/reactivate, and for people
 * who have not chosen a password yet (provisioned by SCIM) a fresh emailed link.
 */
export function MemberTable({
  members,
  currentUserId,
  awaitingPassword,
  ...actions
}: MemberActions & {
  members: MemberJson[];
  currentUserId: string;
  /** Ids of active members whose account has no password yet. */
  awaitingPassword: string[];
}) {
  return (
    <DataTable labelledBy="members-heading" className="member-table" columns={["Name", "Email", "Role", "Status", ACTIONS_COLUMN]}>
      {members.map((member) => (
        <MemberRow key={member.id} member={member} isSelf={member.id === currentUserId} awaitingPassword={awaitingPassword.includes(member.id)} {...actions} />
      ))}
    </DataTable>
  );
}

function MemberRow({
  member,
  isSelf,
  awaitingPassword,
  updateRole,
  setActive,
  sendPasswordLink,
  emailDelivery,
}: MemberActions & { member: MemberJson; isSelf: boolean; awaitingPassword: boolean }) {
  const [message, setMessage] = useState<string | null>(null);
  // A role change waits for confirmation in a dialog; the select keeps the saved role meanwhile.
  const [asked, setAsked] = useState<RoleValue | null>(null);

  return (
    <tr className={member.active ? undefined : "is-inactive"} data-member-id={member.id}>
      <th scope="row">
        {member.name}
        {isSelf ? <span className="tag">You</span> : null}
      </th>
      <td>{member.email}</td>
      <td>
        <div className="member-role">
          <select
            className="input input-sm"
            aria-label={`Role of ${member.name}`}
            value={member.role}
            onChange={(event) => setAsked(event.target.value as RoleValue)}
          >
            <RoleOptions />
          </select>
        </div>
        {asked ? (
          <ConfirmDialog
            title={`Make ${member.name} ${ROLE_ARTICLE[asked]} ${ROLE_LABELS[asked]}?`}
            description={<p>{ROLE_EFFECT[asked]} It takes effect on their next request.</p>}
            confirmLabel={`Make ${ROLE_LABELS[asked]}`}
            tone={asked === "tenant_admin" ? "danger" : "primary"}
            onConfirm={async () => {
              const result = await updateRole(member.id, asked);
              setMessage(result.ok ? `Saved: now ${ROLE_LABELS[asked]}.` : null);
              return result;
            }}
            onClose={() => setAsked(null)}
          />
        ) : null}
        <p className="save-status small" role="status">
          {message ?? ""}
        </p>
      </td>
      <td>
        {member.active ? <span className="badge badge-member-active">Active</span> : <span className="badge badge-member-inactive">Deactivated</span>}
        {awaitingPassword ? (
          <>
            <span className="muted small member-awaiting">Password not set yet</span>
            <SendButton label="Send password link" ariaLabel={`Send password link to ${member.name}`} sentText={passwordLinkText(emailDelivery)} send={() => sendPasswordLink(member.id)} />
          </>
        ) : null}
      </td>
      <RowActions>
        {isSelf ? null : member.active ? (
          <ConfirmButton
            label="Deactivate"
            ariaLabel={`Deactivate ${member.name}`}
            className="btn btn-danger-ghost btn-sm"
            title={`Deactivate ${member.name}?`}
            description={
              <p>
                <strong>{member.name}</strong> is signed out and loses access to every POC on their next request. Their POCs, tasks and comments
                stay. You can reactivate them at any time.
              </p>
            }
            confirmLabel="Deactivate"
            onConfirm={() => setActive(member.id, false)}
          />
        ) : (
          <ConfirmButton
            label="Reactivate"
            ariaLabel={`Reactivate ${member.name}`}
            className="btn btn-secondary btn-sm"
            title={`Reactivate ${member.name}?`}
            description={
              <p>
                <strong>{member.name}</strong> can sign in again, as {ROLE_LABELS[member.role]}, and gets back what is shared with them.
              </p>
            }
            confirmLabel="Reactivate"
            tone="primary"
            onConfirm={() => setActive(member.id, true)}
          />
        )}
      </RowActions>
    </tr>
  );
}
