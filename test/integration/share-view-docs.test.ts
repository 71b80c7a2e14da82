/**
 * The share view reads a POC's children from poc_public_docs, which triggers rebuild on every
 * change (migration 0004). These tests hold the stored document to the member view, an
 * independent code path, after arbitrary edit sequences, and (on PostgreSQL) after two
 * transactions edit one POC at the same time.
 */
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import * as publicLinkRoute from "@/app/api/v1/pocs/[poc_id]/public-link/route";
import * as publicView from "@/app/api/v1/public/pocs/[token]/route";
import { databaseKind, getDb } from "@/db/client";
import { pocPublicDocs, tasks, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { CreatePocInput } from "@/lib/pocs/schemas";
import * as pocService from "@/lib/pocs/service";
import { actor, APP_ORIGIN, call, publicCommentsOf, publicViewOf, seed, sessionCookie, userId, type DemoKey } from "../helpers";

const ASSIGNEES: DemoKey[] = ["acmeAdmin", "acmeMark", "acmeMia"];
let admin: Actor;
let assigneeIds: string[];

beforeAll(async () => {
  await seed();
  admin = await actor("acmeAdmin");
  assigneeIds = await Promise.all(ASSIGNEES.map(userId));
});

/** A new POC with a live link that carries `comment` (so the view includes the threads). */
async function pocWithLink(title: string) {
  const poc = await pocService.createPoc(admin, CreatePocInput.parse({ title, customer: "Docs Inc." }));
  const headers = { cookie: await sessionCookie("acmeAdmin"), origin: APP_ORIGIN };
  const res = await call(publicLinkRoute.POST, { method: "POST", params: { poc_id: poc.id }, body: { actions: ["view", "comment"] }, headers });
  expect(res.status).toBe(201);
  return { pocId: poc.id, token: res.body.access_token as string };
}

async function expectViewMatchesMember(pocId: string, token: string) {
  const view = await call(publicView.GET as never, { params: { token } });
  expect(view.status).toBe(200);
  const member = await pocService.getPoc(admin, pocId);
  expect(view.body).toEqual({ ...publicViewOf(member), actions: ["view", "comment"], viewer_email: null, comments: publicCommentsOf(member) });
}

// Text with the characters JSON has to escape, beside plain words.
const text = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0).map((s) => s.trim()),
  fc.constantFrom('Say "hi"', "back\\slash", "tab\there", "Ünïcödé ✓", "line\nbreak"),
);
const index = fc.nat({ max: 9 });
const taskStatus = fc.constantFrom("todo", "in_progress", "blocked", "done" as const);
const edit = fc.oneof(
  fc.record({ kind: fc.constant("addGroup" as const), name: text }),
  fc.record({ kind: fc.constant("renameGroup" as const), at: index, name: text }),
  fc.record({ kind: fc.constant("deleteGroup" as const), at: index }),
  fc.record({ kind: fc.constant("moveGroup" as const), at: index, to: index }),
  fc.record({ kind: fc.constant("addTask" as const), group: index, title: text, status: taskStatus, assignee: fc.option(index), due: fc.option(fc.constantFrom("2026-12-01", "2027-02-28")) }),
  fc.record({ kind: fc.constant("updateTask" as const), at: index, title: fc.option(text), status: fc.option(taskStatus), assignee: fc.option(fc.option(index)), group: fc.option(index), position: fc.option(index) }),
  fc.record({ kind: fc.constant("deleteTask" as const), at: index }),
  fc.record({ kind: fc.constant("addCriterion" as const), description: text, met: fc.boolean() }),
  fc.record({ kind: fc.constant("updateCriterion" as const), at: index, met: fc.boolean(), position: fc.option(index) }),
  fc.record({ kind: fc.constant("deleteCriterion" as const), at: index }),
  fc.record({ kind: fc.constant("comment" as const), body: text, replyTo: fc.option(index), internal: fc.boolean() }),
  fc.record({ kind: fc.constant("editComment" as const), at: index, body: text }),
  fc.record({ kind: fc.constant("deleteComment" as const), at: index }),
  // No app screen renames people yet; the trigger on users covers any writer that does.
  fc.record({ kind: fc.constant("renameUser" as const), at: index, name: text }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

const pick = <T,>(items: T[], at: number): T | undefined => (items.length ? items[at % items.length] : undefined);

/** Applies one edit through the services (the UI's and API's code path), or SQL for renames. */
async function apply(pocId: string, e: Edit): Promise<void> {
  const poc = await pocService.getPoc(admin, pocId);
  const groups = poc.task_groups;
  const allTasks = groups.flatMap((g) => g.tasks);
  const liveComments = poc.comments.filter((c) => !c.deleted);
  switch (e.kind) {
    case "addGroup":
      return void (await pocService.addTaskGroup(admin, pocId, { name: e.name }));
    case "renameGroup": {
      const g = pick(groups, e.at);
      return void (g && (await pocService.updateTaskGroup(admin, pocId, g.id, { name: e.name })));
    }
    case "moveGroup": {
      const g = pick(groups, e.at);
      return void (g && (await pocService.updateTaskGroup(admin, pocId, g.id, { position: e.to })));
    }
    case "deleteGroup": {
      const g = pick(groups, e.at);
      return void (g && (await pocService.deleteTaskGroup(admin, pocId, g.id)));
    }
    case "addTask": {
      const g = pick(groups, e.group);
      const assignee = e.assignee === null ? null : pick(assigneeIds, e.assignee)!;
      return void (g && (await pocService.addTask(admin, pocId, { group_id: g.id, title: e.title, status: e.status, assignee_id: assignee, due_date: e.due })));
    }
    case "updateTask": {
      const t = pick(allTasks, e.at);
      if (!t) return;
      const change = {
        ...(e.title !== null && { title: e.title }),
        ...(e.status !== null && { status: e.status }),
        ...(e.assignee !== null && { assignee_id: e.assignee === null ? null : pick(assigneeIds, e.assignee) }),
        ...(e.group !== null && { group_id: pick(groups, e.group)!.id }),
        ...(e.position !== null && { position: e.position }),
      };
      return void (Object.keys(change).length && (await pocService.updateTask(admin, pocId, t.id, change)));
    }
    case "deleteTask": {
      const t = pick(allTasks, e.at);
      return void (t && (await pocService.deleteTask(admin, pocId, t.id)));
    }
    case "addCriterion":
      return void (await pocService.addCriterion(admin, pocId, { description: e.description, status: e.met ? "met" : "pending" }));
    case "updateCriterion": {
      const c = pick(poc.success_criteria, e.at);
      return void (c && (await pocService.updateCriterion(admin, pocId, c.id, { status: e.met ? "met" : "not_met", ...(e.position !== null && { position: e.position }) })));
    }
    case "deleteCriterion": {
      const c = pick(poc.success_criteria, e.at);
      return void (c && (await pocService.deleteCriterion(admin, pocId, c.id)));
    }
    case "comment": {
      const parent = e.replyTo === null ? null : (pick(liveComments, e.replyTo)?.id ?? null);
      return void (await pocService.addComment(admin, pocId, { body: e.body, parent_id: parent, internal: e.internal }));
    }
    case "editComment": {
      const c = pick(liveComments, e.at);
      return void (c && (await pocService.updateComment(admin, pocId, c.id, { body: e.body })));
    }
    case "deleteComment": {
      const c = pick(poc.comments, e.at);
      return void (c && (await pocService.deleteComment(admin, pocId, c.id)));
    }
    case "renameUser":
      return void (await getDb().update(users).set({ name: e.name }).where(eq(users.id, pick(assigneeIds, e.at)!)));
  }
}

describe("the stored view document", () => {
  it("equals the member view after any sequence of edits to groups, tasks, criteria, comments and names", async () => {
    const { pocId, token } = await pocWithLink("Docs property POC");
    // Something to edit from the first run on.
    for (const name of ["Phase 1", "Phase 2"]) {
      const group = await pocService.addTaskGroup(admin, pocId, { name });
      await pocService.addTask(admin, pocId, { group_id: group.id, title: `${name} kickoff`, status: "todo", assignee_id: assigneeIds[1] });
    }
    await pocService.addCriterion(admin, pocId, { description: "Latency under 50 ms", status: "pending" });
    await pocService.addComment(admin, pocId, { body: "First!" });
    await expectViewMatchesMember(pocId, token);
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 10 }), async (edits) => {
        for (const e of edits) {
          await apply(pocId, e);
          await expectViewMatchesMember(pocId, token);
        }
      }),
      { numRuns: 40 },
    );
    // Up to 400 edits, each checked through both views: seconds alone, longer on a busy machine.
  }, 180_000);

  it("goes with its POC: deleting the POC deletes the row, and the link answers 404", async () => {
    const { pocId, token } = await pocWithLink("Docs delete POC");
    await pocService.addTaskGroup(admin, pocId, { name: "Only group" });
    expect(await getDb().select().from(pocPublicDocs).where(eq(pocPublicDocs.pocId, pocId))).toHaveLength(1);
    await pocService.deletePoc(admin, pocId);
    expect(await getDb().select().from(pocPublicDocs).where(eq(pocPublicDocs.pocId, pocId))).toHaveLength(0);
    expect((await call(publicView.GET as never, { params: { token } })).status).toBe(404);
  });
});

// Two sessions at once need a server: PGlite is one connection, so these run in the PostgreSQL pass.
if (databaseKind() === "postgres") {
  describe("the stored view document under concurrent edits (PostgreSQL)", () => {
    it("keeps both of two transactions' task edits when the second commits after the first", async () => {
      const { pocId, token } = await pocWithLink("Docs concurrency POC");
      const group = await pocService.addTaskGroup(admin, pocId, { name: "Group" });
      const a = await pocService.addTask(admin, pocId, { group_id: group.id, title: "A", status: "todo" });
      const b = await pocService.addTask(admin, pocId, { group_id: group.id, title: "B", status: "todo" });
      const first = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      const second = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      try {
        const [backend] = await second<{ pid: number }[]>`select pg_backend_pid() as pid`;
        const pid = backend!.pid;
        let releaseFirst!: () => void;
        const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
        let firstUpdated!: () => void;
        const firstHasUpdated = new Promise<void>((resolve) => (firstUpdated = resolve));
        const firstTx = first.begin(async (tx) => {
          await tx`update tasks set title = 'A edited' where id = ${a.id}`;
          firstUpdated();
          await firstMayCommit;
        });
        await firstHasUpdated;
        const secondTx = second.begin((tx) => tx`update tasks set title = 'B edited' where id = ${b.id}`);
        // The second transaction's rebuild waits for the first (a lock wait, not a sleep).
        await expect.poll(async () => (await getDb().execute(sql`select wait_event_type from pg_stat_activity where pid = ${pid}`)) as unknown as { wait_event_type: string | null }[], { timeout: 10_000 }).toEqual([{ wait_event_type: "Lock" }]);
        releaseFirst();
        await Promise.all([firstTx, secondTx]);
      } finally {
        await Promise.all([first.end(), second.end()]);
      }
      expect((await getDb().select({ title: tasks.title }).from(tasks).where(eq(tasks.pocId, pocId))).map((t) => t.title).sort()).toEqual(["A edited", "B edited"]);
      await expectViewMatchesMember(pocId, token);
    });
  });
}
