/**
 * SECURITY 32: the audit log covers every security-relevant change, not only grants: role
 * changes, deactivation and reactivation, API token create and revoke, team create, rename,
 * delete and membership (sign-ins and password changes: sign-in-limits and sessions tests).
 */
import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { addTeamMember, createTeam, deleteTeam, removeTeamMember, renameTeam } from "@/lib/teams/service";
import { updateMember } from "@/lib/tenants/service";
import { createApiToken, revokeApiToken } from "@/lib/tokens/service";
import { actor, seed, userId } from "../helpers";

beforeAll(() => seed());

async function eventsAbout(subjectId: string) {
  const rows = await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId)).orderBy(desc(auditEvents.id));
  return rows.reverse();
}

describe("audit coverage", () => {
  it("role changes, deactivation and reactivation, with who and before/after", async () => {
    const admin = await actor("acmeAdmin");
    const mia = await userId("acmeMia");
    await updateMember(admin, mia, { role: "executive" });
    await updateMember(admin, mia, { active: false });
    await updateMember(admin, mia, { active: true });
    await updateMember(admin, mia, { role: "member" });
    const rows = await eventsAbout(mia);
    expect(rows.map((r) => [r.action, r.actorUserId, r.tenantId])).toEqual([
      ["member.role_changed", admin.userId, admin.tenantId],
      ["member.deactivated", admin.userId, admin.tenantId],
      ["member.reactivated", admin.userId, admin.tenantId],
      ["member.role_changed", admin.userId, admin.tenantId],
    ]);
    expect(rows[0]!.payload).toMatchObject({ before: "member", after: "executive" });
  });

  it("a no-op update writes nothing", async () => {
    const admin = await actor("acmeAdmin");
    const mark = await userId("acmeMark");
    const before = (await eventsAbout(mark)).length;
    await updateMember(admin, mark, { role: "member", active: true });
    expect((await eventsAbout(mark)).length).toBe(before);
  });

  it("API token create and revoke, without the token", async () => {
    const admin = await actor("acmeAdmin");
    const created = await createApiToken(admin, { name: "audited token" });
    await revokeApiToken(admin, created.id);
    const rows = await eventsAbout(created.id);
    expect(rows.map((r) => r.action)).toEqual(["api_token.created", "api_token.revoked"]);
    expect(JSON.stringify(rows)).not.toContain(created.token);
  });

  it("team create, rename, membership and delete", async () => {
    const admin = await actor("acmeAdmin");
    const team = await createTeam(admin, { name: "Audited team" });
    await renameTeam(admin, team.id, { name: "Audited team 2" });
    await addTeamMember(admin, team.id, await userId("acmeMark"));
    await removeTeamMember(admin, team.id, await userId("acmeMark"));
    await deleteTeam(admin, team.id);
    const rows = await eventsAbout(team.id);
    expect(rows.map((r) => r.action)).toEqual(["team.created", "team.renamed", "team.member_added", "team.member_removed", "team.deleted"]);
    expect(rows[1]!.payload).toEqual({ before: { name: "Audited team" }, after: { name: "Audited team 2" } });
  });

  it("a refused change writes no audit row", async () => {
    const admin = await actor("acmeAdmin");
    const team = await createTeam(admin, { name: "Taken name" });
    await expect(createTeam(admin, { name: "Taken name" })).rejects.toMatchObject({ code: "resource/conflict" });
    await expect(renameTeam(await actor("acmeMark"), team.id, { name: "x" })).rejects.toMatchObject({ code: "auth/forbidden" });
    expect((await eventsAbout(team.id)).map((r) => r.action)).toEqual(["team.created"]);
  });
});
