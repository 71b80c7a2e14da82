"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/auth/page";
import { CreateTeamInput } from "@/lib/teams/schemas";
import * as teams from "@/lib/teams/service";

const PATH = "/settings/teams";
const TeamMember = z.object({ team_id: z.uuid(), user_id: z.uuid({ message: "Pick a member" }) });

export const createTeamAction = userAction(CreateTeamInput, async (input, actor) => {
  const team = await teams.createTeam(actor, input);
  revalidatePath(PATH);
  return team;
});

export async function deleteTeamAction(teamId: string) {
  return userAction(z.object({ team_id: z.uuid() }), async ({ team_id }, actor) => {
    await teams.deleteTeam(actor, team_id);
    revalidatePath(PATH);
    return null;
  })({ team_id: teamId });
}

export async function renameTeamAction(teamId: string, input: z.input<typeof CreateTeamInput>) {
  return userAction(CreateTeamInput, async (data, actor) => {
    const team = await teams.renameTeam(actor, teamId, data);
    revalidatePath(PATH);
    return team;
  })(input);
}

export async function addTeamMemberAction(teamId: string, userId: string) {
  return userAction(TeamMember, async ({ team_id, user_id }, actor) => {
    await teams.addTeamMember(actor, team_id, user_id);
    revalidatePath(PATH);
    return null;
  })({ team_id: teamId, user_id: userId });
}

export async function removeTeamMemberAction(teamId: string, userId: string) {
  return userAction(TeamMember, async ({ team_id, user_id }, actor) => {
    await teams.removeTeamMember(actor, team_id, user_id);
    revalidatePath(PATH);
    return null;
  })({ team_id: teamId, user_id: userId });
}
