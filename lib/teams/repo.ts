import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { Executor } from "@/lib/db/repo";
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

export async function insertTeam(tx: Executor, tenantId: string, name: string) {
  const [row] = await tx.insert(teams).values({ tenantId, name }).onConflictDoNothing().returning();
  return row ?? null;
}

export async function renameTeam(tx: Executor, teamId: string, name: string) {
  const [row] = await tx.update(teams).set({ name }).where(eq(teams.id, teamId)).returning();
  return row ?? null;
}

export async function deleteTeam(tx: Executor, teamId: string) {
  await tx.delete(teams).where(eq(teams.id, teamId));
}

/** True when the user was added (false: already a member). */
export async function addTeamMember(tx: Executor, teamId: string, userId: string) {
  const rows = await tx.insert(teamMembers).values({ teamId, userId }).onConflictDoNothing().returning({ userId: teamMembers.userId });
  return rows.length > 0;
}

export async function removeTeamMember(tx: Executor, teamId: string, userId: string) {
  const rows = await tx.delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId))).returning();
  return rows.length > 0;
}
