import { beforeAll, describe, expect, it, vi } from "vitest";
import * as pocRoute from "@/app/api/v1/pocs/[poc_id]/route";
import * as pocsRoute from "@/app/api/v1/pocs/route";
import * as publicLinkRoute from "@/app/api/v1/pocs/[poc_id]/public-link/route";
import { pocs } from "@/db/schema";
import { APP_ORIGIN, bearer, call, countRows, expectProblem, newApiToken, pocId, seed, sessionCookie } from "../helpers";
import { shareForm as postShareForm } from "../share-page";

vi.mock("next/headers", async () => (await import("../next-request")).nextHeadersMock);

beforeAll(() => seed());

/** A cookie-authenticated POST /api/v1/pocs as the Acme admin with these extra headers. */
async function cookiePost(headers: Record<string, string>) {
  return call(pocsRoute.POST, { method: "POST", body: { title: "CSRF probe" }, headers: { cookie: await sessionCookie("acmeAdmin"), ...headers } });
}

/** Asserts the request was refused as cross-site and wrote nothing. */
async function expectCsrfRefused(send: () => ReturnType<typeof call>) {
  const before = await countRows(pocs);
  expectProblem(await send(), 403, "auth/csrf");
  expect(await countRows(pocs)).toBe(before);
}

describe("CSRF on cookie-authenticated writes (SECURITY 16)", () => {
  it("refuses a POST without Origin", async () => {
    await expectCsrfRefused(() => cookiePost({}));
  });

  it.each(["https://evil.example", "http://localhost:3999.evil.example", "null", "http://localhost:4000"])(
    "refuses a POST from Origin %s",
    async (origin) => {
      await expectCsrfRefused(() => cookiePost({ origin }));
    },
  );

  it("refuses PATCH and DELETE without Origin too", async () => {
    const params = { poc_id: await pocId("northwind") };
    const cookie = await sessionCookie("acmeAdmin");
    await expectCsrfRefused(() => call(pocRoute.PATCH, { method: "PATCH", params, body: { title: "x" }, headers: { cookie } }));
    await expectCsrfRefused(() => call(pocRoute.DELETE, { method: "DELETE", params, headers: { cookie } }));
    expect((await call(pocRoute.GET, { params, headers: { cookie } })).body.title).toBe("Northwind data platform pilot");
  });

  it("accepts a POST from the app's own origin", async () => {
    const res = await cookiePost({ origin: APP_ORIGIN });
    expect(res.status).toBe(201);
    expect(res.body.title).toBe("CSRF probe");
  });

  it("needs no Origin for reads", async () => {
    expect((await call(pocsRoute.GET, { headers: { cookie: await sessionCookie("acmeAdmin") } })).status).toBe(200);
  });

  it("needs no Origin for Bearer-token writes", async () => {
    const { token } = await newApiToken("acmeAdmin");
    const res = await call(pocsRoute.POST, { method: "POST", body: { title: "From CI" }, headers: bearer(token) });
    expect(res.status).toBe(201);
    expect(res.body.owner.name).toBe("Alice Admin");
  });
});

describe("CSRF on the share page's forms (no-referrer pages post with Origin: null)", () => {
  async function shareForm(headers: Record<string, string>) {
    const id = await pocId("fabrikam");
    const admin = { cookie: await sessionCookie("acmeAdmin"), origin: APP_ORIGIN };
    await call(publicLinkRoute.DELETE, { method: "DELETE", params: { poc_id: id }, headers: admin });
    const link = await call(publicLinkRoute.POST, { method: "POST", params: { poc_id: id }, body: { watermark: true }, headers: admin });
    expect(link.status).toBe(201);
    return postShareForm(link.body.access_token, "identify", { email: "dana@customer.example" }, { headers });
  }

  it("accepts Origin: null when Sec-Fetch-Site says same-origin", async () => {
    const res = await shareForm({ origin: "null", "sec-fetch-site": "same-origin" });
    expect(res.redirect).toMatch(/^\/share\//);
    expect(res.setCookies).toHaveLength(1);
  });

  it.each<Record<string, string>>([
    { origin: "null" },
    { origin: "null", "sec-fetch-site": "cross-site" },
    { origin: "null", "sec-fetch-site": "same-site" },
    { origin: "https://evil.example", "sec-fetch-site": "same-origin" },
  ])(
    "refuses %o",
    async (headers) => {
      const res = await shareForm(headers);
      expect(res.status).toBe(403);
      expect(res.setCookies).toEqual([]);
      expect(res.result?.message).toMatch(/sent from the page itself/);
    },
  );

  it("still refuses Origin: null on the cookie-authenticated API", async () => {
    await expectCsrfRefused(() => cookiePost({ origin: "null", "sec-fetch-site": "same-origin" }));
  });
});
