import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as commentsRoute from "@/app/api/v1/pocs/[poc_id]/comments/route";
import * as pocRoute from "@/app/api/v1/pocs/[poc_id]/route";
import * as taskRoute from "@/app/api/v1/pocs/[poc_id]/tasks/[task_id]/route";
import * as pocsRoute from "@/app/api/v1/pocs/route";
import { getDb } from "@/db/client";
import { comments, pocs } from "@/db/schema";
import { asUser, countRows, expectProblem, pocId, problemFields, seed, type Caller } from "../helpers";

let admin: Caller;
beforeAll(async () => {
  await seed();
  admin = await asUser("acmeAdmin");
});

type Res = Awaited<ReturnType<Caller>>;

/** Runs a request that must be rejected and asserts no POC row was written or changed. */
async function rejectedWithoutWrites(send: () => Promise<Res>): Promise<Res> {
  const before = await getDb().select().from(pocs);
  const res = await send();
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(await getDb().select().from(pocs)).toEqual(before);
  return res;
}

const createPoc = (body: unknown) => rejectedWithoutWrites(() => admin(pocsRoute.POST, { method: "POST", body }));
const createPocRaw = (rawBody: string, contentType = "application/json") =>
  rejectedWithoutWrites(() => admin(pocsRoute.POST, { method: "POST", rawBody, headers: { "content-type": contentType } }));

describe("request validation (SECURITY 19)", () => {
  it("answers 400 request/malformed to invalid JSON", async () => {
    expectProblem(await createPocRaw('{"title": "Broken",'), 400, "request/malformed");
  });

  it("answers 400 request/malformed to a body that is not declared as JSON", async () => {
    expectProblem(await createPocRaw('{"title":"Plain"}', "text/plain"), 400, "request/malformed");
  });

  it("answers 413 request/too-large to an oversized body", async () => {
    expectProblem(await createPoc({ title: "Big", description: "x".repeat(300 * 1024) }), 413, "request/too-large");
  });

  it("answers 422 request/invalid naming an unknown field", async () => {
    const res = await createPoc({ title: "Pilot", tenant_id: "00000000-0000-4000-8000-000000000000" });
    expectProblem(res, 422, "request/invalid");
    expect(problemFields(res)).toEqual(["tenant_id"]);
  });

  it("answers 422 naming title when it is missing or blank", async () => {
    expect(problemFields(await createPoc({ customer: "Nobody" }))).toEqual(["title"]);
    expect(problemFields(await createPoc({ title: "   " }))).toEqual(["title"]);
  });

  it("answers 422 to a body that is not an object", async () => {
    expectProblem(await createPoc(["title"]), 422, "request/invalid");
    expectProblem(await createPoc("title"), 422, "request/invalid");
  });

  it("answers 422 naming the field of a malformed date", async () => {
    const res = await createPoc({ title: "Pilot", start_date: "next tuesday" });
    expectProblem(res, 422, "request/invalid");
    expect(problemFields(res)).toEqual(["start_date"]);
    expect(problemFields(await createPoc({ title: "Pilot", end_date: "2026-13-01" }))).toEqual(["end_date"]);
  });

  it("answers 422 on end_date when a create has the end before the start", async () => {
    expect(problemFields(await createPoc({ title: "Pilot", start_date: "2026-06-02", end_date: "2026-06-01" }))).toEqual(["end_date"]);
  });

  it("answers 422 on end_date when a PATCH moves the end before the stored start", async () => {
    // Northwind starts 2026-11-02: only end_date is sent, the service compares with the stored start.
    const params = { poc_id: await pocId("northwind") };
    const patch = (body: unknown) => rejectedWithoutWrites(() => admin(pocRoute.PATCH, { method: "PATCH", params, body }));
    const res = await patch({ end_date: "2026-11-01" });
    expectProblem(res, 422, "request/invalid");
    expect(problemFields(res)).toEqual(["end_date"]);
    expect(problemFields(await patch({ start_date: "2027-01-01", end_date: "2026-12-31" }))).toEqual(["end_date"]);
    expect(problemFields(await patch({ start_date: "2027-01-01" }))).toEqual(["end_date"]);
    expectProblem(await patch({}), 422, "request/invalid");
  });

  it("answers 404 to a malformed uuid in the path, like an unknown id", async () => {
    for (const poc_id of ["not-a-uuid", "1", "' or 1=1 --", "00000000-0000-4000-8000-000000000000"]) {
      expectProblem(await admin(pocRoute.GET, { params: { poc_id } }), 404, "resource/not-found");
    }
    await rejectedWithoutWrites(() => admin(pocRoute.PATCH, { method: "PATCH", params: { poc_id: "nope" }, body: { title: "x" } }));
    const params = { poc_id: await pocId("northwind"), task_id: "nope" };
    expectProblem(await admin(taskRoute.PATCH, { method: "PATCH", params, body: { status: "done" } }), 404, "resource/not-found");
  });

  it("keeps no comment behind after a rejected comment", async () => {
    const params = { poc_id: await pocId("northwind") };
    const before = await countRows(comments);
    const res = await admin(commentsRoute.POST, { method: "POST", params, body: { body: "hi", parent_id: "00000000-0000-4000-8000-000000000000" } });
    expectProblem(res, 422, "request/invalid");
    expect(problemFields(res)).toEqual(["parent_id"]);
    expect(await countRows(comments)).toBe(before);
    expect(await getDb().select().from(comments).where(eq(comments.body, "hi"))).toEqual([]);
  });
});
