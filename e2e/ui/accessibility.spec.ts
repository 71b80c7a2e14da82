/**
 * Accessibility (issue 17): an axe scan with the WCAG 2.2 AA rules over every page and dialog
 * people use: the POC list and page, the Share dialog, every settings page, the account, the
 * API reference, sign-in, a share page behind its password and email gates, and the error pages.
 * No serious or critical violation anywhere.
 */
import { expect, test } from "@playwright/test";
import { freshLink, newPoc, signIn, signedInApi } from "../helpers";
import { scan } from "./axe-helpers";

// The scans and sign-ups are slow on a busy machine.
test.describe.configure({ timeout: 120_000 });

test("the signed-in pages and the Share dialog have no serious accessibility violation", async ({ page, playwright, baseURL }) => {
  const api = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const pocId = await newPoc(api, `Accessible ${Date.now()}`);
  await api.post(`/api/v1/pocs/${pocId}/success-criteria`, { data: { description: "Works with a screen reader" } });
  await api.dispose();
  await signIn(page, "acmeAdmin");

  for (const path of ["/pocs", "/pocs/new", `/pocs/${pocId}/edit`, "/shared", "/account", "/settings", "/settings/members", "/settings/teams", "/settings/api-tokens", "/settings/shared-links", "/settings/embeds", "/settings/outbox", "/settings/audit-log", "/settings/identity-provider"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await scan(page, path);
  }
  await page.goto(`/pocs/${pocId}`);
  await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
  await scan(page, "POC page");
  await page.getByRole("button", { name: "Edit task Kick-off call" }).click();
  await scan(page, "POC page, task editor open");
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await scan(page, "Share dialog", "dialog");
});

test("sign-in, the API reference and the error pages have no serious accessibility violation", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await scan(page, "login");
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  await scan(page, "/docs/api");
  const unknownShare = await page.goto(`/share/${"x".repeat(43)}`);
  expect(unknownShare?.status()).toBe(404);
  await scan(page, "unknown share link");
  await signIn(page, "acmeAdmin");
  const missing = await page.goto("/pocs/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);
  await scan(page, "unknown POC");
});

test("a share page, its password gate and its email gate have no serious accessibility violation", async ({ browser, playwright, baseURL }) => {
  const api = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const pocId = await newPoc(api, `Accessible share ${Date.now()}`);
  const link = await freshLink(api, pocId, { password: "axe-pass-2026", watermark: true, actions: ["view", "comment", "download"] });
  await api.dispose();
  const page = await (await browser.newContext()).newPage();
  await page.goto(link.url);
  await expect(page.getByLabel("Password")).toBeVisible();
  await scan(page, "password gate");
  await page.getByLabel("Password").fill("axe-pass-2026");
  await page.getByRole("button", { name: "View" }).click();
  await expect(page.getByRole("heading", { name: "Who is viewing?" })).toBeVisible();
  await scan(page, "email gate");
  await page.getByLabel("Email address").fill("axe@customer.example");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await scan(page, "share page");
  await page.close();
});
