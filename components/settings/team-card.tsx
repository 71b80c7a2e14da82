"use client";

import { useState, useTransition, type FormEvent } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import type { ActionResult } from "@/lib/auth/page";
import type { TeamJson } from "@/lib/teams/schemas";

type Person = { id: string; name: string; email: string };
type Result = Promise<ActionResult<unknown>>;

/**
 * One team: its members (remove with confirmation), an "Add member" select of the tenant's
 * members not yet in it, and Delete team. Teams synced over SCIM are read-only.
 */
export function TeamCard({
  team,
  candidates,
  addMember,
  removeMember,
  deleteTeam,
}: {
  team: TeamJson;
  candidates: Person[];
  addMember: (userId: string) => Result;
  removeMember: (userId: string) => Result;
  deleteTeam: () => Result;
}) {
  const synced = team.source === "scim";
  const headingId = `team-${team.id}-heading`;
  return (
    <section className="card team-card" aria-labelledby={headingId} data-team-id={team.id}>
      <div className="team-card-header">
        <div className="team-card-title">
          <h2 id={headingId}>{team.name}</h2>
          {synced ? (
            <span className="badge badge-synced" title="Synced from your identity provider over SCIM">
              Synced
            </span>
          ) : null}
        </div>
        {synced ? null : (
          <ConfirmButton
            label="Delete team"
            ariaLabel={`Delete team ${team.name}`}
            title={`Delete the team ${team.name}?`}
            description={
              <p>
                Its members lose every POC that was shared with <strong>{team.name}</strong> (unless shared with them another way). The people
                themselves stay in the tenant. This cannot be undone.
              </p>
            }
            confirmLabel="Delete team"
            onConfirm={deleteTeam}
          />
        )}
      </div>
      <p className="muted small">
        {team.members.length === 1 ? "1 member" : `${team.members.length} members`}
        {synced ? " · Synced from your identity provider: change its name and members there" : ""}
      </p>
      {team.members.length === 0 ? (
        <p className="muted team-empty">No one in this team yet.</p>
      ) : (
        <ul className="team-members" aria-label={`Members of ${team.name}`}>
          {team.members.map((member) => (
            <li key={member.id} className="team-member">
              <div className="team-member-who">
                <span className="avatar" aria-hidden="true">
                  {initials(member.name)}
                </span>
                <span>
                  <span className="team-member-name">{member.name}</span>
                  <span className="muted small team-member-email">{member.email}</span>
                </span>
              </div>
              {synced ? null : (
                <ConfirmButton
                  label="Remove"
                  ariaLabel={`Remove ${member.name} from ${team.name}`}
                  title={`Remove ${member.name} from ${team.name}?`}
                  description={
                    <p>
                      <strong>{member.name}</strong> loses the POCs shared with this team on their next request (unless shared with them another way).
                    </p>
                  }
                  confirmLabel="Remove"
                  onConfirm={() => removeMember(member.id)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {synced ? null : <AddMemberForm teamName={team.name} teamId={team.id} candidates={candidates} action={addMember} />}
    </section>
  );
}

function AddMemberForm({ teamName, teamId, candidates, action }: { teamName: string; teamId: string; candidates: Person[]; action: (userId: string) => Result }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const selectId = `team-${teamId}-add`;

  if (candidates.length === 0) return <p className="muted small team-add-none">Everyone in the tenant is already in {teamName}.</p>;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const userId = String(new FormData(event.currentTarget).get("user_id") ?? "");
    setError(null);
    if (!userId) {
      setError("Choose a person to add.");
      return;
    }
    startTransition(async () => {
      const result = await action(userId);
      if (!result.ok) setError(result.fieldErrors.user_id ?? result.message);
    });
  }

  return (
    <form className="team-add" onSubmit={onSubmit} noValidate>
      <FormError message={error} />
      <div className="team-add-row">
        <div className="field grow">
          <label htmlFor={selectId} className="field-label">
            Add member
          </label>
          {/* Re-mounted when the candidates change, so it starts over at "Choose a person". */}
          <select
            id={selectId}
            name="user_id"
            className="input"
            key={candidates.map((c) => c.id).join()}
            defaultValue=""
            required
            aria-invalid={error ? true : undefined}
          >
            <option value="" disabled>
              Choose a person…
            </option>
            {candidates.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name} ({person.email})
              </option>
            ))}
          </select>
        </div>
        <PendingButton pending={pending} className="btn btn-secondary">
          Add
        </PendingButton>
      </div>
    </form>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "")).toUpperCase();
}
