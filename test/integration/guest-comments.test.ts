/**
 * Issue 11 (guest comments, SECURITY 30's "nothing a user typed can forge"): guest comments
 * are rate-limited per IP and per link, and a guest cannot post under the name or email of a
 * member of the POC's tenant. Enforced in lib/sharing/public-service.ts, so the share page
 * and the public API refuse alike.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as publicLinkRoute from "@/app/api/v1/pocs/[poc_id]/public-link/route";
import * as pocsRoute from "@/app/api/v1/pocs/route";
import * as publicComments from "@/app/api/v1/public/pocs/[token]/comments/route";
import { getDb } from "@/db/client";
import { comments } from "@/db/schema";
import { CLIENT_IP_HEADER } from "@/lib/api/client-ip";
import { GUEST_COMMENTS_PER_IP, GUEST_COMMENTS_PER_LINK } from "@/lib/sharing/public-service";
import { asUser, call, expectProblem, problemFields, seed, type Caller } from "../helpers";

let admin: Caller;
beforeAll(async () => {
  await seed();
  admin = await asUser("acmeAdmin");
});

async function commentLink(): Promise<string> {
  const poc = await admin(pocsRoute.POST, { method: "POST", body: { title: `Guest comments ${Math.random()}` } });
  const link = await admin(publicLinkRoute.POST, { method: "POST", params: { poc_id: poc.body.id }, body: { actions: ["view", "comment"] } });
  return link.body.access_token;
}

const post = (token: string, body: Record<string, unknown>, ip = "192.0.2.1") =>
  call(publicComments.POST as never, { method: "POST", params: { token }, body: { name: "Gina Guest", email: "gina@customer.example", body: "Looks good", ...body }, headers: { [CLIENT_IP_HEADER]: ip } });

describe("guest comments", () => {
  it("are limited per client IP (429 with Retry-After), other IPs unaffected", async () => {
    const token = await commentLink();
    for (let i = 0; i < GUEST_COMMENTS_PER_IP; i++) expect((await post(token, { body: `c${i}` })).status).toBe(204);
    const limited = expectProblem(await post(token, { body: "one more" }), 429, "share/rate-limited");
    expect(limited.retry_after_seconds).toBeGreaterThan(0);
    expect((await post(token, { body: "from elsewhere" }, "192.0.2.2")).status).toBe(204);
    expect(await getDb().select().from(comments).where(eq(comments.body, "one more"))).toHaveLength(0);
  });

  it("are limited per link across many IPs", async () => {
    const token = await commentLink();
    for (let i = 0; i < GUEST_COMMENTS_PER_LINK; i++) expect((await post(token, { body: `spread ${i}` }, `198.51.100.${(i % 250) + 1}`)).status).toBe(204);
    expectProblem(await post(token, { body: "the last straw" }, "203.0.113.9"), 429, "share/rate-limited");
  });

  it.each([
    ["a member's email", { email: "admin@acme.test" }, "email"],
    ["a member's email in capitals", { email: "ADMIN@ACME.TEST" }, "email"],
    ["a member's name", { name: "Alice Admin" }, "name"],
    ["a member's name, differently spaced and cased", { name: "  alice   ADMIN " }, "name"],
  ])("refuses %s with a clear message", async (_label, body, field) => {
    const token = await commentLink();
    const res = await post(token, { ...body, body: `impersonation ${field}` });
    expectProblem(res, 422, "request/invalid");
    expect(problemFields(res)).toEqual([field]);
    expect(res.body.errors[0].message).toMatch(/belongs to a member/);
    expect(await getDb().select().from(comments).where(eq(comments.body, `impersonation ${field}`))).toHaveLength(0);
  });

  it("accepts a member's name from another tenant", async () => {
    const token = await commentLink();
    expect((await post(token, { name: "Gus Globex", email: "gus@customer.example" })).status).toBe(204);
  });
});
