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
