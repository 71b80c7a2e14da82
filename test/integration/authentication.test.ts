import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listPocs } from "@/app/api/v1/pocs/route";
import { getDb } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { authenticate } from "@/lib/auth/service";
import { sessionCookieName } from "@/lib/auth/session";
import { randomToken } from "@/lib/security/crypto";
import { config } from "@/lib/config";
import { asToken, asUser, bearer, call, demoEmail, expectProblem, newApiToken, seed, sessionCookie, userId, type DemoKey } from "../helpers";

beforeAll(() => seed());

const listAs = async (headers: Record<string, string>) => call(listPocs, { path: "/api/v1/pocs", headers });
const titlesListedBy = async (key: DemoKey) => ((await (await asUser(key))(listPocs)).body.data as { title: string }[]).map((p) => p.title);

/** Runs `body` with a user's `active` flag set to false, restoring it afterwards. */
async function whileDeactivated(key: DemoKey, body: () => Promise<void>) {
  const id = await userId(key);
  await getDb().update(users).set({ active: false }).where(eq(users.id, id));
  try {
    await body();
  } finally {
    await getDb().update(users).set({ active: true }).where(eq(users.id, id));
  }
}

describe("authentication on /api/v1", () => {
  it("answers 401 auth/unauthorized without credentials", async () => {
    const body = expectProblem(await listAs({}), 401, "auth/unauthorized");
    expect(body.instance).toBe("/api/v1/pocs");
  });

  it.each([
    ["a non-Bearer scheme", "Basic YWRtaW46cGFzcw=="],
    ["an empty Bearer token", "Bearer "],
    ["a Bearer token without the prefix", `Bearer ${randomToken()}`],
    ["an unknown pm_ token", `Bearer ${randomToken("pm_")}`],
    ["an oversized token", `Bearer pm_${"a".repeat(5000)}`],
    ["two tokens", `Bearer ${randomToken("pm_")} ${randomToken("pm_")}`],
  ])("answers 401 for %s", async (_label, authorization) => {
    expectProblem(await listAs({ authorization }), 401, "auth/unauthorized");
  });

  it("does not fall back to a valid cookie when a bad Authorization header is sent", async () => {
    expectProblem(await listAs({ authorization: "Bearer nope", cookie: await sessionCookie("acmeAdmin") }), 401, "auth/unauthorized");
  });

  it.each(["garbage", "", "%E0%A4%A", "%", "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..x.y.z"])(
    "answers 401 for a garbage session cookie %j",
    async (value) => {
      expectProblem(await listAs({ cookie: `${sessionCookieName()}=${value}` }), 401, "auth/unauthorized");
    },
  );

  it("answers 401 for a session cookie signed with another secret", async () => {
    const forged = await encode({ token: { sub: await userId("acmeAdmin") }, secret: "another-secret-another-secret-0123456789" });
    expectProblem(await listAs({ cookie: `${sessionCookieName()}=${forged}` }), 401, "auth/unauthorized");
  });

  it("answers 401 for a valid cookie naming a user that does not exist", async () => {
    const ghost = await encode({ token: { sub: "00000000-0000-4000-8000-000000000000" }, secret: config().secret });
    const cookie = `${sessionCookieName()}=${ghost}`;
    expectProblem(await listAs({ cookie }), 401, "auth/unauthorized");
  });

  it("is not skipped by the x-middleware-subrequest header (CVE-2025-29927)", async () => {
    const headers = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };
    expectProblem(await listAs(headers), 401, "auth/unauthorized");
  });

  it("accepts a valid session cookie", async () => {
    const res = await listAs({ cookie: await sessionCookie("acmeAdmin") });
    expect(res.status).toBe(200);
  });

  it("accepts a Bearer token whatever the scheme's case", async () => {
    const { token } = await newApiToken("acmeAdmin");
    expect((await listAs(bearer(token))).status).toBe(200);
    expect((await listAs({ authorization: `bearer ${token}` })).status).toBe(200);
  });
});

describe("login (authenticate)", () => {
  it("returns the user for the right password, case-insensitive email", async () => {
    const user = await authenticate(demoEmail("acmeMark"), DEMO_PASSWORD);
    expect(user).toEqual({ id: await userId("acmeMark"), email: "mark@acme.test", name: "Mark Member" });
    expect((await authenticate("  MARK@Acme.test ", DEMO_PASSWORD))?.id).toBe(await userId("acmeMark"));
  });

  it("returns null for a wrong password or an unknown email", async () => {
    expect(await authenticate(demoEmail("acmeMark"), `${DEMO_PASSWORD}x`)).toBeNull();
    expect(await authenticate(demoEmail("acmeMark"), "")).toBeNull();
    expect(await authenticate("nobody@acme.test", DEMO_PASSWORD)).toBeNull();
  });

  it("returns null for an inactive user with the right password", async () => {
    await whileDeactivated("acmeMia", async () => {
      expect(await authenticate(demoEmail("acmeMia"), DEMO_PASSWORD)).toBeNull();
    });
    expect(await authenticate(demoEmail("acmeMia"), DEMO_PASSWORD)).not.toBeNull();
  });
});

describe("changes apply on the next request (SECURITY 15)", () => {
  it("a deactivated user's existing session cookie gets 401", async () => {
    const cookie = await sessionCookie("acmeMark");
    expect((await listAs({ cookie })).status).toBe(200);
    await whileDeactivated("acmeMark", async () => {
      expectProblem(await listAs({ cookie }), 401, "auth/unauthorized");
    });
    expect((await listAs({ cookie })).status).toBe(200);
  });

  it("a promoted executive lists every POC of the tenant on her next request", async () => {
    const erin = await userId("acmeExec");
    expect(await titlesListedBy("acmeExec")).toEqual([]);
    await getDb().update(memberships).set({ role: "tenant_admin" }).where(eq(memberships.userId, erin));
    try {
      expect((await titlesListedBy("acmeExec")).sort()).toEqual([
        "Contoso SSO rollout",
        "Fabrikam analytics evaluation",
        "Northwind data platform pilot",
      ]);
    } finally {
      await getDb().update(memberships).set({ role: "executive" }).where(eq(memberships.userId, erin));
    }
    expect(await titlesListedBy("acmeExec")).toEqual([]);
  });

  it("a demoted admin's API token loses admin reach on its next request", async () => {
    const asAdminToken = await asToken("acmeAdmin");
    expect((await asAdminToken(listPocs)).body.data).toHaveLength(3);
    const alice = await userId("acmeAdmin");
    await getDb().update(memberships).set({ role: "member" }).where(eq(memberships.userId, alice));
    try {
      expect(((await asAdminToken(listPocs)).body.data as { title: string }[]).map((p) => p.title)).toEqual(["Northwind data platform pilot"]);
    } finally {
      await getDb().update(memberships).set({ role: "tenant_admin" }).where(eq(memberships.userId, alice));
    }
  });
});
