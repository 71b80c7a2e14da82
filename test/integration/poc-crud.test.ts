import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as commentsRoute from "@/app/api/v1/pocs/[poc_id]/comments/route";
import * as pocRoute from "@/app/api/v1/pocs/[poc_id]/route";
import * as criterionRoute from "@/app/api/v1/pocs/[poc_id]/success-criteria/[criterion_id]/route";
import * as criteriaRoute from "@/app/api/v1/pocs/[poc_id]/success-criteria/route";
import * as groupRoute from "@/app/api/v1/pocs/[poc_id]/task-groups/[group_id]/route";
import * as groupsRoute from "@/app/api/v1/pocs/[poc_id]/task-groups/route";
import * as taskRoute from "@/app/api/v1/pocs/[poc_id]/tasks/[task_id]/route";
import * as tasksRoute from "@/app/api/v1/pocs/[poc_id]/tasks/route";
import * as pocsRoute from "@/app/api/v1/pocs/route";
import { getDb } from "@/db/client";
import { comments, pocs, successCriteria, taskGroups, tasks } from "@/db/schema";
import { PocDetail } from "@/lib/pocs/schemas";
import { asUser, expectProblem, pocId, problemFields, seed, userId, type Caller } from "../helpers";

let admin: Caller;
beforeAll(async () => {
  await seed();
  admin = await asUser("acmeAdmin");
});

/** Creates a POC through the API and returns its id (asserting 201). */
async function createPoc(caller: Caller, body: Record<string, unknown> = {}): Promise<string> {
  const res = await caller(pocsRoute.POST, { method: "POST", body: { title: "API test POC", ...body } });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** POSTs to a POC sub-collection, asserts 201 and returns the created JSON. */
async function post(handler: Parameters<Caller>[0], poc_id: string, body: unknown) {
  const res = await admin(handler, { method: "POST", params: { poc_id }, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const rowsOf = async (poc: string) => ({
  groups: await getDb().select().from(taskGroups).where(eq(taskGroups.pocId, poc)),
  tasks: await getDb().select().from(tasks).where(eq(tasks.pocId, poc)),
  criteria: await getDb().select().from(successCriteria).where(eq(successCriteria.pocId, poc)),
  comments: await getDb().select().from(comments).where(eq(comments.pocId, poc)),
});

describe("POC CRUD through /api/v1 as the tenant admin", () => {
  it("creates a POC: 201 with the full snake_case detail and manage permission", async () => {
    const res = await admin(pocsRoute.POST, {
      method: "POST",
      body: { title: "Initech CRM pilot", customer: "Initech", status: "active", start_date: "2026-09-01", end_date: "2026-10-15" },
    });
    expect(res.status).toBe(201);
    expect(PocDetail.strict().safeParse(res.body).error).toBeUndefined();
    expect(res.body).toMatchObject({
      title: "Initech CRM pilot",
      customer: "Initech",
      status: "active",
      start_date: "2026-09-01",
      end_date: "2026-10-15",
      description: "",
      owner: { id: await userId("acmeAdmin"), name: "Alice Admin" },
      task_groups: [],
      success_criteria: [],
      comments: [],
      permissions: { actions: ["view", "download", "comment", "edit", "share"], manage: true },
    });
    const [row] = await getDb().select().from(pocs).where(eq(pocs.id, res.body.id));
    expect(row).toMatchObject({ title: "Initech CRM pilot", ownerId: await userId("acmeAdmin"), tenantId: res.body.tenant_id });
  });

  it("updates a POC and returns the new state", async () => {
    const poc_id = await createPoc(admin);
    const res = await admin(pocRoute.PATCH, { method: "PATCH", params: { poc_id }, body: { status: "won", objectives: "Signed" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "won", objectives: "Signed", title: "API test POC" });
    expect((await admin(pocRoute.GET, { params: { poc_id } })).body.status).toBe("won");
  });

  it("adds a task group and a task with an assignee from the tenant, visible in GET", async () => {
    const poc_id = await createPoc(admin);
    const group = await post(groupsRoute.POST, poc_id, { name: "Setup" });
    expect(group).toMatchObject({ name: "Setup", position: 0, tasks: [] });
    const task = await post(tasksRoute.POST, poc_id, { group_id: group.id, title: "Provision", assignee_id: await userId("acmeMark"), due_date: "2026-09-05" });
    expect(task).toMatchObject({ group_id: group.id, title: "Provision", status: "todo", assignee: { id: await userId("acmeMark"), name: "Mark Member" } });

    const listed = await admin(tasksRoute.GET, { params: { poc_id } });
    expect(listed.body.data).toEqual([task]);
    const detail = await admin(pocRoute.GET, { params: { poc_id } });
    expect(detail.body.task_groups).toEqual([{ ...group, tasks: [task] }]);
  });

  it("refuses an assignee from another tenant with 422 on assignee_id, writing nothing", async () => {
    const poc_id = await createPoc(admin);
    const group = await post(groupsRoute.POST, poc_id, { name: "Setup" });
    const res = await admin(tasksRoute.POST, { method: "POST", params: { poc_id }, body: { group_id: group.id, title: "Leak", assignee_id: await userId("globexAdmin") } });
    expectProblem(res, 422, "request/invalid");
    expect(problemFields(res)).toEqual(["assignee_id"]);
    expect((await rowsOf(poc_id)).tasks).toEqual([]);
  });

  it("refuses a task group of another POC with 422 on group_id", async () => {
    const poc_id = await createPoc(admin);
    const [foreignGroup] = await getDb().select().from(taskGroups).where(eq(taskGroups.pocId, await pocId("northwind")));
    const res = await admin(tasksRoute.POST, { method: "POST", params: { poc_id }, body: { group_id: foreignGroup!.id, title: "Sneaky" } });
    expect(problemFields(res)).toEqual(["group_id"]);
    expect((await rowsOf(poc_id)).tasks).toEqual([]);
  });

  it("changes a task's status, renames its group and deletes both", async () => {
    const poc_id = await createPoc(admin);
    const group = await post(groupsRoute.POST, poc_id, { name: "Setup" });
    const task = await post(tasksRoute.POST, poc_id, { group_id: group.id, title: "Provision" });

    const changed = await admin(taskRoute.PATCH, { method: "PATCH", params: { poc_id, task_id: task.id }, body: { status: "done", assignee_id: null } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: task.id, status: "done", assignee: null });
    expect((await admin(tasksRoute.GET, { params: { poc_id } })).body.data[0].status).toBe("done");

    const renamed = await admin(groupRoute.PATCH, { method: "PATCH", params: { poc_id, group_id: group.id }, body: { name: "Onboarding" } });
    expect(renamed.body).toMatchObject({ id: group.id, name: "Onboarding" });

    expect((await admin(taskRoute.DELETE, { method: "DELETE", params: { poc_id, task_id: task.id } })).status).toBe(204);
    expect((await admin(groupRoute.DELETE, { method: "DELETE", params: { poc_id, group_id: group.id } })).status).toBe(204);
    expect(await rowsOf(poc_id)).toMatchObject({ groups: [], tasks: [] });
    expectProblem(await admin(taskRoute.DELETE, { method: "DELETE", params: { poc_id, task_id: task.id } }), 404, "resource/not-found");
  });

  it("adds, updates and deletes a success criterion", async () => {
    const poc_id = await createPoc(admin);
    const criterion = await post(criteriaRoute.POST, poc_id, { description: "p95 under 2 s" });
    expect(criterion).toMatchObject({ description: "p95 under 2 s", status: "pending", position: 0 });
    expect((await admin(criteriaRoute.GET, { params: { poc_id } })).body.data).toEqual([criterion]);

    const params = { poc_id, criterion_id: criterion.id };
    expect((await admin(criterionRoute.PATCH, { method: "PATCH", params, body: { status: "met" } })).body.status).toBe("met");
    expect((await admin(criterionRoute.DELETE, { method: "DELETE", params })).status).toBe(204);
    expect((await rowsOf(poc_id)).criteria).toEqual([]);
  });

  it("threads a reply under a comment", async () => {
    const poc_id = await createPoc(admin);
    const comment = await post(commentsRoute.POST, poc_id, { body: "Kick-off done" });
    expect(comment).toMatchObject({ parent_id: null, body: "Kick-off done", author: { name: "Alice Admin", kind: "user" } });
    const reply = await post(commentsRoute.POST, poc_id, { body: "Thanks!", parent_id: comment.id });
    expect(reply.parent_id).toBe(comment.id);

    const listed = await admin(commentsRoute.GET, { params: { poc_id } });
    expect(listed.body.data.map((c: any) => [c.body, c.parent_id])).toEqual([
      ["Kick-off done", null],
      ["Thanks!", comment.id],
    ]);
  });

  it("refuses a reply to a comment of another POC with 422 on parent_id", async () => {
    const poc_id = await createPoc(admin);
    const [foreign] = await getDb().select().from(comments).where(eq(comments.pocId, await pocId("northwind")));
    const res = await admin(commentsRoute.POST, { method: "POST", params: { poc_id }, body: { body: "Cross-post", parent_id: foreign!.id } });
    expectProblem(res, 422, "request/invalid");
    expect(problemFields(res)).toEqual(["parent_id"]);
    expect((await rowsOf(poc_id)).comments).toEqual([]);
  });

  it("deletes a POC with everything in it: 204, then 404", async () => {
    const poc_id = await createPoc(admin);
    const group = await post(groupsRoute.POST, poc_id, { name: "Setup" });
    await post(tasksRoute.POST, poc_id, { group_id: group.id, title: "Provision" });
    await post(criteriaRoute.POST, poc_id, { description: "Works" });
    await post(commentsRoute.POST, poc_id, { body: "Hello" });

    const res = await admin(pocRoute.DELETE, { method: "DELETE", params: { poc_id } });
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
    expectProblem(await admin(pocRoute.GET, { params: { poc_id } }), 404, "resource/not-found");
    expectProblem(await admin(pocRoute.DELETE, { method: "DELETE", params: { poc_id } }), 404, "resource/not-found");
    expect(await rowsOf(poc_id)).toEqual({ groups: [], tasks: [], criteria: [], comments: [] });
  });
});

describe("owner rights", () => {
  it("lets a member edit and delete their own POC", async () => {
    const mark = await asUser("acmeMark");
    const poc_id = await pocId("contoso");
    const edited = await mark(pocRoute.PATCH, { method: "PATCH", params: { poc_id }, body: { title: "Contoso SSO rollout v2" } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: "Contoso SSO rollout v2", permissions: { manage: true } });
    expect((await mark(pocRoute.DELETE, { method: "DELETE", params: { poc_id } })).status).toBe(204);
    expect(await getDb().select().from(pocs).where(eq(pocs.id, poc_id))).toEqual([]);
  });

  it("lets a member create a POC they then own", async () => {
    const mark = await asUser("acmeMark");
    const poc_id = await createPoc(mark, { title: "Mark's second POC" });
    const [row] = await getDb().select().from(pocs).where(eq(pocs.id, poc_id));
    expect(row!.ownerId).toBe(await userId("acmeMark"));
  });

  it("answers 404 to a member changing or deleting a colleague's POC, which stays unchanged", async () => {
    const mark = await asUser("acmeMark");
    const poc_id = await pocId("fabrikam");
    const [before] = await getDb().select().from(pocs).where(eq(pocs.id, poc_id));
    expectProblem(await mark(pocRoute.PATCH, { method: "PATCH", params: { poc_id }, body: { title: "Mine now" } }), 404, "resource/not-found");
    expectProblem(await mark(pocRoute.DELETE, { method: "DELETE", params: { poc_id } }), 404, "resource/not-found");
    expect(await getDb().select().from(pocs).where(eq(pocs.id, poc_id))).toEqual([before]);
  });
});
