"use client";

import { useOptimistic, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/auth/page";
import type { MemberJson } from "@/lib/tenants/schemas";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ROLE_LABELS, ROLE_OPTIONS, type RoleValue } from "./roles";

type UpdateRole = (userId: string, role: RoleValue) => Promise<ActionResult<MemberJson>>;
type SetActive = (userId: string, active: boolean) => Promise<ActionResult<MemberJson>>;
type SendPasswordLink = (userId: string) => Promise<ActionResult<{ sent: true }>>;
type RowActions = { updateRole: UpdateRole; setActive: SetActive; sendPasswordLink: SendPasswordLink };

/**
 * Settings → Members: a role select that saves on change, deactivate/reactivate, and for people
 * who have not chosen a password yet (provisioned by SCIM) a fresh emailed link.
 */
export function MemberTable({
  members,
  currentUserId,
  awaitingPassword,
  ...actions
}: RowActions & {
  members: MemberJson[];
  currentUserId: string;
  /** Ids of active members whose account has no password yet. */
  awaitingPassword: string[];
}) {
  return (
    <div className="table-scroll">
      <table className="data-table member-table" aria-labelledby="members-heading">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <MemberRow key={member.id} member={member} isSelf={member.id === currentUserId} awaitingPassword={awaitingPassword.includes(member.id)} {...actions} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MemberRow({
  member,
  isSelf,
  awaitingPassword,
  updateRole,
  setActive,
  sendPasswordLink,
}: RowActions & { member: MemberJson; isSelf: boolean; awaitingPassword: boolean }) {
  // The select shows the new role at once; it falls back to the saved one if the save fails.
  const [role, setOptimisticRole] = useOptimistic(member.role);
  const [message, setMessage] = useState<{ kind: "saved" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function changeRole(next: RoleValue) {
    setMessage(null);
    startTransition(async () => {
      setOptimisticRole(next);
      const result = await updateRole(member.id, next);
      setMessage(result.ok ? { kind: "saved", text: `Saved: now ${ROLE_LABELS[next]}.` } : { kind: "error", text: result.message });
    });
  }

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
            value={role}
            aria-busy={pending || undefined}
            aria-invalid={message?.kind === "error" || undefined}
            aria-describedby={message?.kind === "error" ? `role-error-${member.id}` : undefined}
            onChange={(event) => changeRole(event.target.value as RoleValue)}
          >
            {ROLE_OPTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {pending ? <span className="spinner muted" aria-hidden="true" /> : null}
        </div>
        <p className="save-status small" role="status">
          {message?.kind === "saved" ? message.text : ""}
        </p>
        {message?.kind === "error" ? (
          <p id={`role-error-${member.id}`} className="field-error" role="alert">
            {message.text}
          </p>
        ) : null}
      </td>
      <td>
        {member.active ? <span className="badge badge-member-active">Active</span> : <span className="badge badge-member-inactive">Deactivated</span>}
        {awaitingPassword ? (
          <>
            <span className="muted small member-awaiting">Password not set yet</span>
            <PasswordLinkButton member={member} send={sendPasswordLink} />
          </>
        ) : null}
      </td>
      <td className="row-actions">
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
      </td>
    </tr>
  );
}

/** Sends a fresh set-password link; says where it went, or why not. */
function PasswordLinkButton({ member, send }: { member: MemberJson; send: SendPasswordLink }) {
  const [message, setMessage] = useState<{ kind: "sent" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  function onClick() {
    setMessage(null);
    startTransition(async () => {
      const result = await send(member.id).catch(() => ({ ok: false as const, message: "Could not reach the server. Try again." }));
      setMessage(result.ok ? { kind: "sent", text: "Link sent." } : { kind: "error", text: result.message });
    });
  }
  return (
    <span className="member-password-link">
      <button type="button" className="btn btn-secondary btn-sm" onClick={onClick} disabled={pending} aria-label={`Send password link to ${member.name}`}>
        {pending ? "Sending…" : "Send password link"}
      </button>
      <span className={message?.kind === "error" ? "field-error" : "save-status small"} role={message?.kind === "error" ? "alert" : "status"}>
        {message?.text ?? ""}
      </span>
    </span>
  );
}
