/**
 * SECURITY 25: sessions end on the server. The cookie carries a session id; signing out,
 * "sign out everywhere", a password change, a deactivation or a narrower role end the
 * session row, so a copied cookie stops working on its very next request.
 */
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as listPocs } from "@/app/api/v1/pocs/route";
import { getDb } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { changeOwnPassword, signOutEverywhere } from "@/lib/auth/account";
import { authenticate } from "@/lib/auth/service";
import { actorFromSessionToken, sessionCookieName } from "@/lib/auth/session";
import { endSession, endSessionsForUser } from "@/lib/auth/sessions";
import { config } from "@/lib/config";
import { updateMember } from "@/lib/tenants/service";
import { actor, call, demoEmail, newSession, seed, userId, type DemoKey } from "../helpers";

beforeAll(() => seed());

const statusWith = async (cookie: string) => (await call(listPocs, { path: "/api/v1/pocs", headers: { cookie } })).status;
const cookieValue = (cookie: string) => cookie.slice(cookie.indexOf("=") + 1);
const sessionActor = async (cookie: string) => (await actorFromSessionToken(cookieValue(cookie), "127.0.0.1"))!;

let restorePassword: DemoKey | null = null;
afterEach(async () => {
  if (!restorePassword) return;
  const { hashPassword } = await import("@/lib/auth/password");
  await getDb().update(users).set({ passwordHash: await hashPassword(DEMO_PASSWORD) }).where(eq(users.id, await userId(restorePassword)));
  restorePassword = null;
});

describe("server-side sessions", () => {
  it("refuses a cookie that names a user but no session (the JWT alone proves nothing)", async () => {
    const legacy = await encode({ token: { sub: await userId("acmeAdmin") }, secret: config().secret });
    expect(await statusWith(`${sessionCookieName()}=${legacy}`)).toBe(401);
  });

  it("refuses a cookie whose session id is not in the table", async () => {
    const forged = await encode({ token: { sub: await userId("acmeAdmin"), sid: "00000000-0000-4000-8000-000000000000" }, secret: config().secret });
    expect(await statusWith(`${sessionCookieName()}=${forged}`)).toBe(401);
  });

  it("sign-out ends the session: a copy of the cookie stops working at once", async () => {
    const { sessionId, cookie } = await newSession("acmeMark");
    const other = await newSession("acmeMark");
    expect(await statusWith(cookie)).toBe(200);
    await endSession(sessionId);
    expect(await statusWith(cookie)).toBe(401);
    // Only that session: the user's other browser stays signed in.
    expect(await statusWith(other.cookie)).toBe(200);
  });

  it("sign out everywhere ends every session of the user, the current one included", async () => {
    const first = await newSession("acmeMia");
    const second = await newSession("acmeMia");
    const bystander = await newSession("acmeMark");
    const { endedSessions } = await signOutEverywhere(await sessionActor(first.cookie));
    expect(endedSessions).toBeGreaterThanOrEqual(2);
    expect([await statusWith(first.cookie), await statusWith(second.cookie), await statusWith(bystander.cookie)]).toEqual([401, 401, 200]);
    const audit = await getDb().select().from(auditEvents).where(eq(auditEvents.action, "auth.signed_out_everywhere"));
    expect(audit.map((a) => a.actorUserId)).toContain(await userId("acmeMia"));
  });

  it("a password change keeps this session, ends the others, and only the new password signs in", async () => {
    restorePassword = "acmeExec";
    const current = await newSession("acmeExec");
    const stolen = await newSession("acmeExec");
    const me = await sessionActor(current.cookie);
    await expect(changeOwnPassword(me, { current_password: "not-my-password", new_password: "a-brand-new-password" })).rejects.toMatchObject({
      code: "request/invalid",
      fields: [{ field: "current_password" }],
    });
    expect(await statusWith(stolen.cookie)).toBe(200);
    await changeOwnPassword(me, { current_password: DEMO_PASSWORD, new_password: "a-brand-new-password" });
    expect([await statusWith(current.cookie), await statusWith(stolen.cookie)]).toEqual([200, 401]);
    expect(await authenticate(demoEmail("acmeExec"), DEMO_PASSWORD)).toBeNull();
    expect(await authenticate(demoEmail("acmeExec"), "a-brand-new-password")).not.toBeNull();
    const [row] = await getDb().select().from(auditEvents).where(eq(auditEvents.action, "user.password_changed"));
    expect(row).toMatchObject({ actorUserId: await userId("acmeExec"), subjectId: await userId("acmeExec") });
    expect(JSON.stringify(row)).not.toContain("a-brand-new-password");
  });

  it("deactivation and a narrower role end the user's sessions; a wider role does not", async () => {
    const admin = await actor("acmeAdmin");
    const mark = await userId("acmeMark");
    const beforeDeactivation = await newSession("acmeMark");
    await updateMember(admin, mark, { active: false });
    await updateMember(admin, mark, { active: true });
    expect(await statusWith(beforeDeactivation.cookie)).toBe(401);

    const beforeNarrowing = await newSession("acmeMark");
    await updateMember(admin, mark, { role: "tenant_admin" });
    expect(await statusWith(beforeNarrowing.cookie)).toBe(200);
    await updateMember(admin, mark, { role: "member" });
    expect(await statusWith(beforeNarrowing.cookie)).toBe(401);
  });

  it("endSessionsForUser with a tenant ends nothing for a user of another tenant", async () => {
    const globexSession = await newSession("globexAdmin");
    const acmeTenant = (await actor("acmeAdmin")).tenantId!;
    expect(await endSessionsForUser(await userId("globexAdmin"), acmeTenant)).toBe(0);
    expect(await statusWith(globexSession.cookie)).toBe(200);
    expect(await endSessionsForUser(await userId("globexAdmin"), (await actor("globexAdmin")).tenantId!)).toBeGreaterThan(0);
    expect(await statusWith(globexSession.cookie)).toBe(401);
  });
});
