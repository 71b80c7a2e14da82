import { expect, test } from "@playwright/test";
import { pocIdByTitle, signedInApi } from "../helpers";

test("401 without credentials, and a middleware-bypass header changes nothing", async ({ request }) => {
  const bypass: Record<string, string>[] = [{}, { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" }];
  for (const headers of bypass) {
    const res = await request.get("/api/v1/pocs", { headers });
    expect(res.status()).toBe(401);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    expect((await res.json()).code).toBe("auth/unauthorized");
  }
});

test("another tenant's POC is 404; bad bodies are problem+json with fields", async ({ playwright, baseURL }) => {
  const acme = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const globex = await signedInApi(playwright, baseURL!, "globexAdmin");
  const pocId = await pocIdByTitle(acme, "Northwind data platform pilot");
  const cross = await globex.get(`/api/v1/pocs/${pocId}`);
  expect(cross.status()).toBe(404);
  expect((await globex.patch(`/api/v1/pocs/${pocId}`, { data: { title: "x" } })).status()).toBe(404);

  const bad = await acme.post("/api/v1/pocs", { data: { title: "", surprise: true } });
  expect(bad.status()).toBe(422);
  const problem = await bad.json();
  expect(problem.code).toBe("request/invalid");
  expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(["surprise", "title"]);
  // A Buffer goes out as is (Playwright JSON-encodes a string that does not parse).
  const malformed = await acme.post("/api/v1/pocs", { data: Buffer.from("{not json"), headers: { "content-type": "application/json" } });
  expect(malformed.status()).toBe(400);
  await acme.dispose();
  await globex.dispose();
});

test("the OpenAPI document describes the API from the same schemas", async ({ request, page }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  expect(doc.paths["/api/v1/pocs"].post.requestBody.content["application/json"].schema.properties.title.maxLength).toBe(200);
  expect(doc.paths["/api/v1/pocs/{poc_id}/public-link"].post.parameters.some((p: { name: string }) => p.name === "Idempotency-Key")).toBe(true);
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /POST \/api\/v1\/pocs$/ })).toBeVisible();
});

test("capability pages never leak their URL as a referrer; other pages refuse framing", async ({ request }) => {
  const invite = await request.get("/invite/not-a-real-token");
  expect(invite.headers()["referrer-policy"]).toBe("no-referrer");
  expect(invite.headers()["x-robots-tag"]).toBe("noindex, nofollow");
  const share = await request.get("/share/not-a-real-token");
  expect(share.headers()["referrer-policy"]).toBe("no-referrer");
  expect(share.headers()["content-security-policy"]).toContain("default-src 'none'");
  const api = await request.get("/api/v1/public/pocs/not-a-real-token");
  expect(api.status()).toBe(404);
  expect(api.headers()["referrer-policy"]).toBe("no-referrer");
  expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");
  expect(api.headers()["x-frame-options"]).toBe("DENY");
  const login = await request.get("/login");
  expect(login.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(login.headers()["x-frame-options"]).toBe("DENY");
});

test("a server-action post over the body limit is a 413 problem, not a 500", async ({ request }) => {
  const res = await request.post("/pocs", {
    headers: { "next-action": "0".repeat(40), "content-type": "text/plain;charset=UTF-8" },
    data: "x".repeat(300 * 1024),
  });
  expect(res.status()).toBe(413);
  expect((await res.json()).code).toBe("request/too-large");
});
