import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { signIn, type DemoUser } from "../helpers";

/** A title no other test (or earlier run) uses. */
export const uniqueTitle = (prefix: string) => `${prefix} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/**
 * A fresh POC owned by the API context's user, so parallel specs that create and delete
 * links on the seeded POCs cannot interfere. Optionally with one task group and task.
 */
export async function createPoc(api: APIRequestContext, prefix: string, options: { task?: string } = {}): Promise<{ id: string; title: string }> {
  const title = uniqueTitle(prefix);
  const res = await api.post("/api/v1/pocs", { data: { title, customer: "Initech", description: "Created by an end-to-end test." } });
  expect(res.status()).toBe(201);
  const id = (await res.json()).id as string;
  if (options.task) {
    const group = await api.post(`/api/v1/pocs/${id}/task-groups`, { data: { name: "Setup" } });
    expect(group.status()).toBe(201);
    const task = await api.post(`/api/v1/pocs/${id}/tasks`, { data: { group_id: (await group.json()).id, title: options.task } });
    expect(task.status()).toBe(201);
  }
  return { id, title };
}

/** A new browser context signed in as `user`, on the POC's page. */
export async function openAs(browser: Browser, user: DemoUser, pocId?: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  if (pocId) await page.goto(`/pocs/${pocId}`);
  return page;
}

/** Opens the one Share dialog from the POC's page. */
export async function openShareDialog(page: Page, pocId: string) {
  await page.goto(`/pocs/${pocId}`);
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: /^Share “/ });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The Share dialog's General access → Public link, with the live link shown (and its settings open when asked). */
export async function openPublicLink(page: Page, pocId: string, options: { settings?: boolean } = {}) {
  const dialog = await openShareDialog(page, pocId);
  const link = dialog.getByRole("region", { name: "Public link", exact: true });
  await expect(link.getByLabel("Share link")).toHaveValue(/\/share\//);
  if (options.settings) await link.getByRole("button", { name: "Link settings" }).click();
  return link;
}
