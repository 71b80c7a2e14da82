import { describe, expect, it } from "vitest";
import { GET as listPocs } from "@/app/api/v1/pocs/route";
import { call, seed, sessionCookie } from "../helpers";

describe("test harness", () => {
  it("gives each file a migrated database that the API can read", async () => {
    await seed();
    const res = await call(listPocs, { headers: { cookie: await sessionCookie("acmeAdmin") } });
    expect(res.status).toBe(200);
    expect(res.body.data.map((p: { title: string }) => p.title).sort()).toEqual([
      "Contoso SSO rollout",
      "Fabrikam analytics evaluation",
      "Northwind data platform pilot",
    ]);
  });
});
