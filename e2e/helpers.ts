import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-pass-2026";
export const USERS = {
  acmeAdmin: "admin@acme.test",
  acmeMark: "mark@acme.test",
  acmeMia: "mia@acme.test",
  acmeExec: "erin@acme.test",
  globexAdmin: "admin@globex.test",
} as const;
export type DemoUser = keyof typeof USERS;

/** Signs in through the real login form. */
export async function signIn(page: Page, user: DemoUser): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(USERS[user]);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/pocs$/);
}

/** Signs in over HTTP (next-auth credentials flow) so API specs can use the session cookie. */
export async function apiSignIn(request: APIRequestContext, user: DemoUser): Promise<void> {
  const csrf = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email: USERS[user], password: DEMO_PASSWORD, json: "true" },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(res.status());
}

/** An API context signed in as a demo user, sending a same-origin Origin header on writes. */
export async function signedInApi(playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } }, baseURL: string, user: DemoUser) {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await apiSignIn(api, user);
  return api;
}

/** Finds a demo POC's id by title through the API (searched: the list comes in pages of 50). */
export async function pocIdByTitle(api: APIRequestContext, title: string): Promise<string> {
  const list = await (await api.get("/api/v1/pocs", { params: { q: title, limit: 100 } })).json();
  const poc = list.data.find((p: { title: string }) => p.title === title);
  if (!poc) throw new Error(`POC ${title} not visible`);
  return poc.id;
}

/** Replaces the POC's public link with a fresh one carrying `options`; returns its id and URL. */
export async function freshLink(api: APIRequestContext, pocId: string, options: Record<string, unknown> = {}) {
  await api.delete(`/api/v1/pocs/${pocId}/public-link`);
  const res = await api.post(`/api/v1/pocs/${pocId}/public-link`, { data: options });
  expect(res.status()).toBe(201);
  const body = await res.json();
  return { id: body.id as string, url: body.access_url as string, token: body.access_token as string };
}

/** A new POC of the admin's tenant with one task group and task, so a test owns its subject. */
export async function newPoc(api: APIRequestContext, title: string): Promise<string> {
  const poc = await api.post("/api/v1/pocs", { data: { title, customer: "E2E Customer" } });
  expect(poc.status()).toBe(201);
  const { id } = await poc.json();
  const group = await (await api.post(`/api/v1/pocs/${id}/task-groups`, { data: { name: "Phase 1" } })).json();
  expect((await api.post(`/api/v1/pocs/${id}/tasks`, { data: { group_id: group.id, title: "Kick-off call", status: "done" } })).status()).toBe(201);
  return id;
}
