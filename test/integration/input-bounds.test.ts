/**
 * SECURITY 30 (input): bodies are bounded before they are buffered (413), and out-of-range
 * dates, NUL and other control characters are 422s in every text field, never 500s.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as pocsRoute from "@/app/api/v1/pocs/route";
import * as pocRoute from "@/app/api/v1/pocs/[poc_id]/route";
import * as grantsRoute from "@/app/api/v1/sharing/grants/route";
import * as publicLinkRoute from "@/app/api/v1/pocs/[poc_id]/public-link/route";
import { pocs } from "@/db/schema";
import { MAX_JSON_BODY_BYTES } from "@/lib/api/body";
import { APP_ORIGIN, asUser, countRows, expectProblem, pocId, problemFields, seed, sessionCookie, userId, type Caller } from "../helpers";
import { shareForm } from "../share-page";

vi.mock("next/headers", async () => (await import("../next-request")).nextHeadersMock);

let admin: Caller;
beforeAll(async () => {
  await seed();
  admin = await asUser("acmeAdmin");
});

/** A body stream that never ends on its own: the server must stop reading at the limit. */
function endlessBody(): { stream: ReadableStream<Uint8Array>; sent: () => number } {
  let sent = 0;
  const chunk = new TextEncoder().encode(`{"title":"${"x".repeat(16 * 1024)}`);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, sent: () => sent };
}

describe("bodies are bounded before they are buffered", () => {
  it("refuses a declared Content-Length over the limit with 413, reading nothing", async () => {
    const { stream, sent } = endlessBody();
    const headers = new Headers({ "content-type": "application/json", "content-length": String(MAX_JSON_BODY_BYTES + 1) });
    headers.set("cookie", await sessionCookie("acmeAdmin"));
    headers.set("origin", APP_ORIGIN);
    const req = new Request(`${APP_ORIGIN}/api/v1/pocs`, { method: "POST", headers, body: stream, duplex: "half" } as RequestInit);
    const res = await pocsRoute.POST(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe("request/too-large");
    expect(sent()).toBeLessThanOrEqual(2 * 16 * 1024 + 64);
  });

  it("stops reading a chunked body at the limit (413), without buffering the rest", async () => {
    const { stream, sent } = endlessBody();
    const headers = new Headers({ "content-type": "application/json", cookie: await sessionCookie("acmeAdmin"), origin: APP_ORIGIN });
    const req = new Request(`${APP_ORIGIN}/api/v1/pocs`, { method: "POST", headers, body: stream, duplex: "half" } as RequestInit);
    const before = await countRows(pocs);
    const res = await pocsRoute.POST(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(413);
    expect(sent()).toBeLessThan(MAX_JSON_BODY_BYTES + 4 * 16 * 1024);
    expect(await countRows(pocs)).toBe(before);
  });

  // The share page's forms are server actions: Next.js bounds their bodies while reading
  // (serverActions.bodySizeLimit, 413; e2e/public/share-page.spec.ts), the action never echoes.
  it("an oversized share-page form value is never echoed back", async () => {
    const id = await pocId("contoso");
    const link = await admin(publicLinkRoute.POST, { method: "POST", path: `/api/v1/pocs/${id}/public-link`, params: { poc_id: id }, body: { actions: ["view", "comment"] } });
    const token: string = link.body.access_token;
    const marker = `ECHO${"z".repeat(5000)}`;
    const res = await shareForm(token, "comment", { name: "Guest", email: "guest@b.test", body: marker });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.result)).not.toContain(marker.slice(0, 100));
    expect(res.result?.values).toMatchObject({ name: "Guest", email: "guest@b.test" });
  });
});

describe("out-of-range dates and control characters are 422s", () => {
  it.each([
    ["a year-0 date", { title: "Dates", start_date: "0000-01-01" }, "start_date"],
    ["a year-10000 date", { title: "Dates", end_date: "10000-01-01" }, "end_date"],
    ["NUL in a title", { title: "Bad\u0000title" }, "title"],
    ["a control character in a title", { title: "Bad\u001btitle" }, "title"],
    ["a line separator in a customer", { title: "Ok", customer: "Acme\u2028Corp" }, "customer"],
    ["NUL in a description", { title: "Ok", description: "multi\nline\u0000" }, "description"],
  ])("refuses %s", async (_label, body, field) => {
    const before = await countRows(pocs);
    const res = await admin(pocsRoute.POST, { method: "POST", body });
    expectProblem(res, 422, "request/invalid");
    expect(problemFields(res)).toContain(field);
    expect(await countRows(pocs)).toBe(before);
  });

  it("keeps line breaks and tabs in multi-line fields", async () => {
    const res = await admin(pocsRoute.POST, { method: "POST", body: { title: "Multi-line", description: "one\n\ttwo\r\nthree" } });
    expect(res.status).toBe(201);
    expect(res.body.description).toBe("one\n\ttwo\r\nthree");
  });

  it("refuses an expires_at beyond what the database holds, and on PATCH too", async () => {
    const id = await pocId("fabrikam");
    const create = await admin(grantsRoute.POST, {
      method: "POST",
      body: { subject_type: "poc", subject_id: id, principal_type: "user", principal_id: await userId("acmeMark"), expires_at: "9999-12-31T23:59:59-14:00" },
    });
    expectProblem(create, 422, "request/invalid");
    expect(problemFields(create)).toContain("expires_at");
    const patch = await admin(pocRoute.PATCH, { method: "PATCH", params: { poc_id: id }, body: { start_date: "0000-01-01" } });
    expectProblem(patch, 422, "request/invalid");
  });
});
