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
import { GET as listPocs } from "@/app/api/v1/pocs/route";
import { getDb } from "@/db/client";
import { comments, pocs, sharingGrants, successCriteria, taskGroups, tasks } from "@/db/schema";
import {
  asToken,
  asUser,
  countRows,
  expectProblem,
  pocId,
  seed,
  userId,
  type Caller,
} from "../helpers";

type Target = { label: string; handler: Parameters<Caller>[0]; method: string; params: Record<string, string>; body?: unknown };

/** Every POC route, aimed at one POC and its children. */
async function routesOf(poc: string): Promise<Target[]> {
  const db = getDb();
  const [group] = await db.select().from(taskGroups).where(eq(taskGroups.pocId, poc));
  const [task] = await db.select().from(tasks).where(eq(tasks.pocId, poc));
  const [criterion] = await db.select().from(successCriteria).where(eq(successCriteria.pocId, poc));
  const child = { poc_id: poc, group_id: group!.id, task_id: task!.id, criterion_id: criterion!.id };
  return [
    { label: "GET poc", handler: pocRoute.GET, method: "GET", params: child },
    { label: "PATCH poc", handler: pocRoute.PATCH, method: "PATCH", params: child, body: { title: "pwned" } },
    { label: "DELETE poc", handler: pocRoute.DELETE, method: "DELETE", params: child },
    { label: "GET tasks", handler: tasksRoute.GET, method: "GET", params: child },
    { label: "POST tasks", handler: tasksRoute.POST, method: "POST", params: child, body: { group_id: group!.id, title: "x" } },
    { label: "PATCH task", handler: taskRoute.PATCH, method: "PATCH", params: child, body: { status: "done" } },
    { label: "DELETE task", handler: taskRoute.DELETE, method: "DELETE", params: child },
    { label: "GET task-groups", handler: groupsRoute.GET, method: "GET", params: child },
    { label: "POST task-groups", handler: groupsRoute.POST, method: "POST", params: child, body: { name: "x" } },
    { label: "PATCH task-group", handler: groupRoute.PATCH, method: "PATCH", params: child, body: { name: "x" } },
    { label: "DELETE task-group", handler: groupRoute.DELETE, method: "DELETE", params: child },
    { label: "GET criteria", handler: criteriaRoute.GET, method: "GET", params: child },
    { label: "POST criteria", handler: criteriaRoute.POST, method: "POST", params: child, body: { description: "x" } },
    { label: "PATCH criterion", handler: criterionRoute.PATCH, method: "PATCH", params: child, body: { status: "met" } },
    { label: "DELETE criterion", handler: criterionRoute.DELETE, method: "DELETE", params: child },
    { label: "GET comments", handler: commentsRoute.GET, method: "GET", params: child },
    { label: "POST comments", handler: commentsRoute.POST, method: "POST", params: child, body: { body: "x" } },
  ];
}

const TABLES = { pocs, taskGroups, tasks, successCriteria, comments };
const countAll = async () =>
  Object.fromEntries(await Promise.all(Object.entries(TABLES).map(async ([name, table]) => [name, await countRows(table)] as const)));

/** Every route answers 404 resource/not-found (never 403) to this caller, and nothing changes. */
async function expectAllNotFound(caller: Caller, poc: string) {
  const before = await countAll();
  const [northwind] = await getDb().select().from(pocs).where(eq(pocs.id, poc));
  for (const target of await routesOf(poc)) {
    const res = await caller(target.handler, { method: target.method, params: target.params, body: target.body });
    expect({ route: target.label, status: res.status, code: res.body?.code }).toEqual({
      route: target.label,
      status: 404,
      code: "resource/not-found",
    });
  }
  expect(await countAll()).toEqual(before);
  expect((await getDb().select().from(pocs).where(eq(pocs.id, poc)))[0]).toEqual(northwind);
}

const titles = (res: { body: any }) => (res.body.data as { title: string }[]).map((p) => p.title).sort();

beforeAll(() => seed());

describe("tenant isolation (SECURITY 12)", () => {
  it("answers 404 on every POC route to a Globex admin's session for an Acme POC", async () => {
    await expectAllNotFound(await asUser("globexAdmin"), await pocId("northwind"));
  });

  it("answers 404 on every POC route to a Globex API token for an Acme POC", async () => {
    await expectAllNotFound(await asToken("globexAdmin"), await pocId("northwind"));
  });

  it("answers 404 on every POC route to an Acme member for a colleague's POC", async () => {
    await expectAllNotFound(await asUser("acmeMark"), await pocId("fabrikam"));
  });

  it("lists no Globex POC to an Acme token, and no Acme POC to a Globex token", async () => {
    expect(titles(await (await asToken("acmeAdmin"))(listPocs))).toEqual([
      "Contoso SSO rollout",
      "Fabrikam analytics evaluation",
      "Northwind data platform pilot",
    ]);
    expect(titles(await (await asToken("globexAdmin"))(listPocs))).toEqual(["Globex warehouse robotics trial"]);
  });

  it("keeps an Acme token inside Acme even when its user holds a grant on a Globex POC", async () => {
    const globexPoc = await pocId("globex");
    const [globexRow] = await getDb().select().from(pocs).where(eq(pocs.id, globexPoc));
    await getDb()
      .insert(sharingGrants)
      .values({ tenantId: globexRow!.tenantId, subjectId: globexPoc, principalType: "user", principalUserId: await userId("acmeAdmin"), actions: ["view"] });

    // Signed in, the user sees what was shared with them...
    const session = await asUser("acmeAdmin");
    expect((await session(pocRoute.GET, { params: { poc_id: globexPoc } })).status).toBe(200);
    expect(titles(await session(listPocs))).toContain("Globex warehouse robotics trial");

    // ...but their Acme API token never reaches beyond Acme.
    const token = await asToken("acmeAdmin");
    expectProblem(await token(pocRoute.GET, { params: { poc_id: globexPoc } }), 404, "resource/not-found");
    expect(titles(await token(listPocs))).not.toContain("Globex warehouse robotics trial");
  });

  it("scopes child ids to their POC: a task of one POC is not found through another", async () => {
    const admin = await asUser("acmeAdmin");
    const [northwindTask] = await getDb().select().from(tasks).where(eq(tasks.pocId, await pocId("northwind")));
    const res = await admin(taskRoute.PATCH, { method: "PATCH", params: { poc_id: await pocId("contoso"), task_id: northwindTask!.id }, body: { status: "done" } });
    expectProblem(res, 404, "resource/not-found");
    const [after] = await getDb().select().from(tasks).where(eq(tasks.id, northwindTask!.id));
    expect(after!.status).toBe(northwindTask!.status);
  });
});
