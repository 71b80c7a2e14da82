/**
 * Comments in everyday use: authors edit and delete their own, the POC's owner and tenant
 * admins delete any (a guest's included; soft delete, audited), internal comments stay inside
 * the POC's tenant (never in the anonymous document, never shown to outsiders).
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as commentRoute from "@/app/api/v1/pocs/[poc_id]/comments/[comment_id]/route";
import * as commentsRoute from "@/app/api/v1/pocs/[poc_id]/comments/route";
import * as publicView from "@/app/api/v1/public/pocs/[token]/route";
import { getDb } from "@/db/client";
import { auditEvents, comments } from "@/db/schema";
import * as pocService from "@/lib/pocs/service";
import * as sharing from "@/lib/sharing/service";
import { actor, asUser, call, demoEmail, expectProblem, pocId, seed, userId, type Caller } from "../helpers";

let admin: Caller;
let mark: Caller;
let mia: Caller;
let outsider: Caller;
let contoso: string; // owned by Mark
let token: string;

beforeAll(async () => {
  await seed();
  [admin, mark, mia, outsider] = await Promise.all([asUser("acmeAdmin"), asUser("acmeMark"), asUser("acmeMia"), asUser("globexAdmin")]);
  contoso = await pocId("contoso");
  const alice = await actor("acmeAdmin");
  // Mia (same tenant, not the owner) and Gus (another tenant) may comment.
  for (const key of ["acmeMia", "globexAdmin"] as const) {
    await sharing.createGrant(alice, { subject_type: "poc", subject_id: contoso, principal_type: "user", email: demoEmail(key), actions: ["view", "comment"] });
  }
  token = (await sharing.createPublicLink(alice, contoso, { actions: ["view", "comment"] })).access_token;
});

const post = async (caller: Caller, body: Record<string, unknown>) => {
  const res = await caller(commentsRoute.POST, { method: "POST", params: { poc_id: contoso }, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; internal: boolean; body: string };
};
const patch = (caller: Caller, id: string, body: unknown) => caller(commentRoute.PATCH, { method: "PATCH", params: { poc_id: contoso, comment_id: id }, body });
const remove = (caller: Caller, id: string) => caller(commentRoute.DELETE, { method: "DELETE", params: { poc_id: contoso, comment_id: id } });
const memberComments = async (caller: Caller) => (await caller(commentsRoute.GET, { params: { poc_id: contoso } })).body.data as { id: string; body: string; deleted: boolean; internal: boolean; edited_at: string | null }[];
const publicComments = async () => (await call(publicView.GET as never, { params: { token } })).body.comments as { id: string; body: string; deleted: boolean }[];

describe("editing comments", () => {
  it("lets the author edit their own comment and marks it edited, everywhere", async () => {
    const c = await post(mia, { body: "First draft" });
    const res = await patch(mia, c.id, { body: "Second draft" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: c.id, body: "Second draft", deleted: false });
    expect(res.body.edited_at).toEqual(expect.any(String));
    expect((await publicComments()).find((p) => p.id === c.id)).toMatchObject({ body: "Second draft", edited_at: res.body.edited_at });
  });

  it("refuses edits by anyone else, the POC's owner and admins included", async () => {
    const c = await post(mia, { body: "Mia's words" });
    for (const other of [mark, admin]) expectProblem(await patch(other, c.id, { body: "Not yours" }), 403, "auth/forbidden");
    expect((await memberComments(admin)).find((m) => m.id === c.id)?.body).toBe("Mia's words");
  });

  it("validates the body and answers 404 for another POC's comment id", async () => {
    const c = await post(mia, { body: "Valid" });
    expectProblem(await patch(mia, c.id, { body: "   " }), 422, "request/invalid");
    const northwind = await pocId("northwind");
    expectProblem(await mia(commentRoute.PATCH, { method: "PATCH", params: { poc_id: northwind, comment_id: c.id }, body: { body: "x" } }), 404, "resource/not-found");
  });
});

describe("deleting comments", () => {
  it("lets authors delete their own: a placeholder while replies hang under it, audited once", async () => {
    const parent = await post(mia, { body: "Remove me later" });
    const reply = await post(mark, { body: "A reply", parent_id: parent.id });
    expect((await remove(mia, parent.id)).status).toBe(204);
    expect((await remove(mia, parent.id)).status).toBe(204); // idempotent
    const [row] = await getDb().select().from(comments).where(eq(comments.id, parent.id));
    expect(row).toMatchObject({ body: "", deletedBy: await userId("acmeMia") });
    expect((await memberComments(mark)).find((m) => m.id === parent.id)).toMatchObject({ body: "", deleted: true });
    expect((await publicComments()).find((p) => p.id === reply.id)).toMatchObject({ body: "A reply", parent_id: parent.id });
    expect((await publicComments()).find((p) => p.id === parent.id)).toMatchObject({ body: "", deleted: true });
    const audits = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, "comment.deleted"), eq(auditEvents.subjectId, contoso)));
    expect(audits.filter((a) => (a.payload as { comment_id: string }).comment_id === parent.id)).toHaveLength(1);
    // Filed under its POC, so Settings → Audit log's POC filter finds it and links the POC.
    expect(audits.every((a) => a.pocId === contoso)).toBe(true);
    // Nobody replies to a removed comment.
    const res = await mark(commentsRoute.POST, { method: "POST", params: { poc_id: contoso }, body: { body: "Late reply", parent_id: parent.id } });
    expectProblem(res, 422, "request/invalid");
  });

  it("lets the owner and admins delete anyone's comment, a guest's included; others may not", async () => {
    const c = await post(mia, { body: "Off-topic" });
    expectProblem(await remove(outsider, c.id), 403, "auth/forbidden");
    expect((await remove(mark, c.id)).status).toBe(204); // Mark owns the POC
    const guest = await call((await import("@/app/api/v1/public/pocs/[token]/comments/route")).POST as never, {
      method: "POST",
      params: { token },
      body: { name: "Guest Gail", email: "gail@example.com", body: "Spam spam" },
    });
    expect(guest.status).toBe(204);
    const guestComment = (await memberComments(admin)).find((m) => m.body === "Spam spam")!;
    expectProblem(await remove(mia, guestComment.id), 403, "auth/forbidden");
    expect((await remove(admin, guestComment.id)).status).toBe(204);
    expect((await publicComments()).some((p) => p.body === "Spam spam")).toBe(false);
  });
});

describe("internal comments", () => {
  it("never leave the tenant: hidden from the link, from outsiders, and replies inherit the flag", async () => {
    const internal = await post(mark, { body: "Our margin is thin", internal: true });
    expect(internal.internal).toBe(true);
    const reply = await post(mia, { body: "Agreed", parent_id: internal.id });
    expect(reply.internal).toBe(true);
    const visible = (await publicComments()).map((p) => p.id);
    expect(visible).not.toContain(internal.id);
    expect(visible).not.toContain(reply.id);
    expect((await memberComments(outsider)).map((m) => m.id)).not.toContain(internal.id);
    expect((await memberComments(mia)).map((m) => m.id)).toContain(internal.id);
    // For the outsider the internal comment does not exist.
    expectProblem(await patch(outsider, internal.id, { body: "x" }), 404, "resource/not-found");
    expectProblem(await remove(outsider, internal.id), 404, "resource/not-found");
    const res = await outsider(commentsRoute.POST, { method: "POST", params: { poc_id: contoso }, body: { body: "Sneaky reply", parent_id: internal.id } });
    expectProblem(res, 422, "request/invalid");
  });

  it("can only be written by people of the POC's tenant", async () => {
    const res = await outsider(commentsRoute.POST, { method: "POST", params: { poc_id: contoso }, body: { body: "Internal?", internal: true } });
    expectProblem(res, 403, "auth/forbidden");
    expect((await pocService.getPoc(await actor("acmeAdmin"), contoso)).comments.some((c) => c.body === "Internal?")).toBe(false);
  });
});
