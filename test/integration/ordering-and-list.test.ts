/**
 * Everyday editing through the API: reorder tasks within a group and move them between
 * groups, reorder groups and criteria (`position`), and the POC list's search, filters, sort
 * and progress (the same query the /pocs page uses).
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as groupRoute from "@/app/api/v1/pocs/[poc_id]/task-groups/[group_id]/route";
import * as groupsRoute from "@/app/api/v1/pocs/[poc_id]/task-groups/route";
import * as criterionRoute from "@/app/api/v1/pocs/[poc_id]/success-criteria/[criterion_id]/route";
import * as criteriaRoute from "@/app/api/v1/pocs/[poc_id]/success-criteria/route";
import * as pocRoute from "@/app/api/v1/pocs/[poc_id]/route";
import * as taskRoute from "@/app/api/v1/pocs/[poc_id]/tasks/[task_id]/route";
import * as tasksRoute from "@/app/api/v1/pocs/[poc_id]/tasks/route";
import * as pocsRoute from "@/app/api/v1/pocs/route";
import { asToken, asUser, expectProblem, problemFields, seed, userId, type Caller } from "../helpers";

let admin: Caller;
beforeAll(async () => {
  await seed();
  admin = await asUser("acmeAdmin");
});

async function created(res: Promise<{ status: number; body: any }>) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function pocWithTwoGroups() {
  const poc = await created(admin(pocsRoute.POST, { method: "POST", body: { title: "Ordering POC" } }));
  const g1 = await created(admin(groupsRoute.POST, { method: "POST", params: { poc_id: poc.id }, body: { name: "One" } }));
  const g2 = await created(admin(groupsRoute.POST, { method: "POST", params: { poc_id: poc.id }, body: { name: "Two" } }));
  const tasks: Record<string, string> = {};
  for (const [group, titles] of [[g1, ["a", "b", "c"]], [g2, ["x", "y"]]] as const) {
    for (const title of titles) tasks[title] = (await created(admin(tasksRoute.POST, { method: "POST", params: { poc_id: poc.id }, body: { group_id: group.id, title } }))).id;
  }
  return { pocId: poc.id as string, g1: g1.id as string, g2: g2.id as string, tasks };
}

const layout = async (pocId: string) => {
  const res = await admin(pocRoute.GET, { params: { poc_id: pocId } });
  return res.body.task_groups.map((g: { name: string; tasks: { title: string }[] }) => `${g.name}:${g.tasks.map((t) => t.title).join("")}`);
};

describe("reordering", () => {
  it("moves a task within its group and into another group at a position", async () => {
    const { pocId, g2, tasks } = await pocWithTwoGroups();
    const patchTask = (task: string, body: unknown) => admin(taskRoute.PATCH, { method: "PATCH", params: { poc_id: pocId, task_id: tasks[task]! }, body });
    expect((await patchTask("c", { position: 0 })).status).toBe(200);
    expect(await layout(pocId)).toEqual(["One:cab", "Two:xy"]);
    expect((await patchTask("a", { group_id: g2, position: 1 })).status).toBe(200);
    expect(await layout(pocId)).toEqual(["One:cb", "Two:xay"]);
    // Past the end means last.
    expect((await patchTask("x", { position: 99 })).status).toBe(200);
    expect(await layout(pocId)).toEqual(["One:cb", "Two:ayx"]);
    expect(problemFields(await patchTask("b", { position: -1 }))).toEqual(["position"]);
    expect(problemFields(await patchTask("b", { position: 1.5 }))).toEqual(["position"]);
  });

  it("reorders groups and criteria", async () => {
    const { pocId, g2 } = await pocWithTwoGroups();
    const res = await admin(groupRoute.PATCH, { method: "PATCH", params: { poc_id: pocId, group_id: g2 }, body: { position: 0 } });
    expect(res.status).toBe(200);
    expect(await layout(pocId)).toEqual(["Two:xy", "One:abc"]);
    const ids = [];
    for (const description of ["first", "second", "third"]) ids.push((await created(admin(criteriaRoute.POST, { method: "POST", params: { poc_id: pocId }, body: { description } }))).id);
    const moved = await admin(criterionRoute.PATCH, { method: "PATCH", params: { poc_id: pocId, criterion_id: ids[2] }, body: { position: 0 } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ description: "third", position: 0 });
    const detail = await admin(pocRoute.GET, { params: { poc_id: pocId } });
    expect(detail.body.success_criteria.map((c: { description: string }) => c.description)).toEqual(["third", "first", "second"]);
  });

  it("needs edit: a viewer cannot reorder", async () => {
    const { pocId, tasks } = await pocWithTwoGroups();
    const exec = await asUser("acmeExec");
    expectProblem(await exec(taskRoute.PATCH, { method: "PATCH", params: { poc_id: pocId, task_id: tasks.a! }, body: { position: 2 } }), 404, "resource/not-found");
  });
});

describe("the POC list", () => {
  const list = (caller: Caller, query = "") => caller(pocsRoute.GET, { path: `/api/v1/pocs${query}` });
  const titles = (res: { body: any }) => res.body.data.map((p: { title: string }) => p.title);

  it("searches title and customer, case-insensitively, with % and _ taken literally", async () => {
    await created(admin(pocsRoute.POST, { method: "POST", body: { title: "100% uptime_check", customer: "Percent Co" } }));
    expect(titles(await list(admin, "?q=northwind"))).toEqual(["Northwind data platform pilot"]);
    expect(titles(await list(admin, "?q=CONTOSO"))).toEqual(["Contoso SSO rollout"]);
    expect(titles(await list(admin, "?q=%25"))).toEqual(["100% uptime_check"]);
    expect(titles(await list(admin, "?q=_"))).toEqual(["100% uptime_check"]);
    expect(titles(await list(admin, "?q=percent"))).toEqual(["100% uptime_check"]);
  });

  it("filters by status and owner, sorts by title and due date, and reports progress", async () => {
    const mark = await userId("acmeMark");
    const byOwner = await list(admin, `?owner=${mark}`);
    expect(byOwner.body.data.length).toBeGreaterThan(0);
    expect(byOwner.body.data.every((p: { owner: { id: string } }) => p.owner.id === mark)).toBe(true);
    const active = await list(admin, "?status=active");
    expect(active.body.data.every((p: { status: string }) => p.status === "active")).toBe(true);
    const byTitle = titles(await list(admin, "?sort=title"));
    expect(byTitle).toEqual([...byTitle].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const due = (await list(admin, "?sort=due")).body.data.map((p: { end_date: string | null }) => p.end_date);
    const dated = due.filter((d: string | null) => d !== null);
    expect(dated).toEqual([...dated].sort());
    expect(due.slice(dated.length).every((d: string | null) => d === null)).toBe(true);

    const { pocId } = await pocWithTwoGroups();
    const detail = await admin(pocRoute.GET, { params: { poc_id: pocId } });
    const task = detail.body.task_groups[0].tasks[0];
    await admin(taskRoute.PATCH, { method: "PATCH", params: { poc_id: pocId, task_id: task.id }, body: { status: "done" } });
    await created(admin(criteriaRoute.POST, { method: "POST", params: { poc_id: pocId }, body: { description: "met one", status: "met" } }));
    await created(admin(criteriaRoute.POST, { method: "POST", params: { poc_id: pocId }, body: { description: "open one" } }));
    const item = (await list(admin)).body.data.find((p: { id: string }) => p.id === pocId);
    expect(item.progress).toEqual({ tasks_done: 1, tasks_total: 5, criteria_met: 1, criteria_total: 2 });
  });

  it("refuses unknown filters and sorts with the failing field, and never widens what the caller sees", async () => {
    expect(problemFields(await list(admin, "?sort=owner"))).toEqual(["query.sort"]);
    expect(problemFields(await list(admin, "?status=done"))).toEqual(["query.status"]);
    expect((await list(admin, "?tenant_id=x")).status).toBe(422);
    // Globex's token never sees Acme's POCs, whatever the query says.
    const globex = await asToken("globexAdmin");
    expect(titles(await list(globex, "?q=northwind"))).toEqual([]);
  });
});
