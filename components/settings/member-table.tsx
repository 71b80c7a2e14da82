"use client";

import { useOptimistic, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/auth/page";
import type { MemberJson } from "@/lib/tenants/schemas";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ROLE_LABELS, ROLE_OPTIONS, type RoleValue } from "./roles";

type UpdateRole = (userId: string, role: RoleValue) => Promise<ActionResult<MemberJson>>;
type SetActive = (userId: string, active: boolean) => Promise<ActionResult<MemberJson>>;

/** Settings → Members: a role select that saves on change, and deactivate/reactivate. */
export function MemberTable({
  members,
  currentUserId,
  updateRole,
  setActive,
}: {
  members: MemberJson[];
  currentUserId: string;
  updateRole: UpdateRole;
  setActive: SetActive;
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
            <MemberRow key={member.id} member={member} isSelf={member.id === currentUserId} updateRole={updateRole} setActive={setActive} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MemberRow({ member, isSelf, updateRole, setActive }: { member: MemberJson; isSelf: boolean; updateRole: UpdateRole; setActive: SetActive }) {
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
      <td>{member.active ? <span className="badge badge-member-active">Active</span> : <span className="badge badge-member-inactive">Deactivated</span>}</td>
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
