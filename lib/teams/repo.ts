import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { teamMembers, teams, users } from "@/db/schema";

export async function listTeamsWithMembers(tenantId: string) {
  const [teamRows, memberRows] = await Promise.all([
    getDb().select().from(teams).where(eq(teams.tenantId, tenantId)).orderBy(asc(teams.name)),
    getDb()
      .select({ teamId: teamMembers.teamId, id: users.id, name: users.name, email: users.email })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(eq(teams.tenantId, tenantId))
      .orderBy(asc(users.name)),
  ]);
  return teamRows.map((t) => ({ ...t, members: memberRows.filter((m) => m.teamId === t.id) }));
}

export async function findTeam(tenantId: string, teamId: string) {
  const [row] = await getDb().select().from(teams).where(and(eq(teams.tenantId, tenantId), eq(teams.id, teamId)));
  return row ?? null;
}

export async function insertTeam(tenantId: string, name: string) {
  const [row] = await getDb().insert(teams).values({ tenantId, name }).onConflictDoNothing().returning();
  return row ?? null;
}

export async function deleteTeam(teamId: string) {
  await getDb().delete(teams).where(eq(teams.id, teamId));
}

export async function addTeamMember(teamId: string, userId: string) {
  await getDb().insert(teamMembers).values({ teamId, userId }).onConflictDoNothing();
}

export async function removeTeamMember(teamId: string, userId: string) {
  const rows = await getDb().delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId))).returning();
  return rows.length > 0;
}
