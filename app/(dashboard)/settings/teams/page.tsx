import type { Metadata } from "next";
import { CreateTeamForm } from "@/components/settings/create-team-form";
import { SettingsBreadcrumb } from "@/components/settings/settings-breadcrumb";
import { TeamCard } from "@/components/settings/team-card";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePageActor } from "@/lib/auth/page";
import { listTeams } from "@/lib/teams/service";
import { listMembers } from "@/lib/tenants/service";
import { addTeamMemberAction, createTeamAction, deleteTeamAction, renameTeamAction, removeTeamMemberAction } from "./actions";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const actor = await requirePageActor();
  if (actor.role !== "tenant_admin" || !actor.tenantId) return <Forbidden message="Only tenant admins can manage teams." />;
  const [teams, members] = await Promise.all([listTeams(actor), listMembers(actor)]);
  const candidates = members.filter((m) => m.active).map(({ id, name, email }) => ({ id, name, email }));
  return (
    <div className="narrow-wide">
      <SettingsBreadcrumb />
      <h1>Teams</h1>
      <p className="muted lead">
        Share a POC with a team instead of person by person. Access follows the team: someone added gets its POCs on their next request, someone
        removed loses them. Teams synced from your identity provider (SCIM) are changed there.
      </p>
      <CreateTeamForm action={createTeamAction} />
      {teams.length === 0 ? (
        <div className="card empty-state">
          <h2>No teams yet</h2>
          <p className="muted">Create a team above, add people to it, then share POCs with the whole team from a POC&apos;s Share dialog.</p>
        </div>
      ) : (
        <ul className="team-grid" aria-label="Teams">
          {teams.map((team) => (
            <li key={team.id}>
              <TeamCard
                team={team}
                candidates={candidates.filter((c) => !team.members.some((m) => m.id === c.id))}
                addMember={addTeamMemberAction.bind(null, team.id)}
                removeMember={removeTeamMemberAction.bind(null, team.id)}
                deleteTeam={deleteTeamAction.bind(null, team.id)}
                renameTeam={renameTeamAction.bind(null, team.id)}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
