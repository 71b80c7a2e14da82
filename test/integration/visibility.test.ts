import { beforeAll, describe, expect, it } from "vitest";
import * as pocRoute from "@/app/api/v1/pocs/[poc_id]/route";
import * as pocsRoute from "@/app/api/v1/pocs/route";
import { pocs } from "@/db/schema";
import { asUser, countRows, DEMO_POCS, expectProblem, pocId, seed, type DemoKey } from "../helpers";

beforeAll(() => seed());

async function listedTitles(key: DemoKey): Promise<string[]> {
  const res = await (await asUser(key))(pocsRoute.GET);
  expect(res.status).toBe(200);
  return (res.body.data as { title: string }[]).map((p) => p.title).sort();
}

describe("visibility (DESIGN rule 1)", () => {
  it("lists all three Acme POCs to the Acme admin", async () => {
    expect(await listedTitles("acmeAdmin")).toEqual([DEMO_POCS.contoso, DEMO_POCS.fabrikam, DEMO_POCS.northwind]);
  });

  it("lists only their own POC to a member", async () => {
    expect(await listedTitles("acmeMark")).toEqual([DEMO_POCS.contoso]);
    expect(await listedTitles("acmeMia")).toEqual([DEMO_POCS.fabrikam]);
  });

  it("answers 404 to a member opening a colleague's POC, 200 for their own", async () => {
    const mark = await asUser("acmeMark");
    expectProblem(await mark(pocRoute.GET, { params: { poc_id: await pocId("fabrikam") } }), 404, "resource/not-found");
    const own = await mark(pocRoute.GET, { params: { poc_id: await pocId("contoso") } });
    expect(own.status).toBe(200);
    expect(own.body.permissions).toEqual({ actions: ["view", "download", "comment", "edit", "share"], manage: true, watermark: false });
  });

  it("lists nothing to an executive without grants, who cannot create a POC either", async () => {
    expect(await listedTitles("acmeExec")).toEqual([]);
    const before = await countRows(pocs);
    const res = await (await asUser("acmeExec"))(pocsRoute.POST, { method: "POST", body: { title: "Exec pet project" } });
    expectProblem(res, 403, "auth/forbidden");
    expect(await countRows(pocs)).toBe(before);
  });

  it("shows a POC's list entry in snake_case with its owner", async () => {
    const res = await (await asUser("acmeMark"))(pocsRoute.GET);
    expect(res.body.data[0]).toEqual({
      id: await pocId("contoso"),
      tenant_id: expect.any(String),
      title: DEMO_POCS.contoso,
      customer: "Contoso Ltd",
      status: "draft",
      start_date: "2026-11-16",
      end_date: "2027-01-15",
      owner: { id: expect.any(String), name: "Mark Member" },
      progress: { tasks_done: 1, tasks_total: 3, criteria_met: 0, criteria_total: 2 },
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });
});
