import { expect, test } from "@playwright/test";
import { pocIdByTitle, signIn, signedInApi } from "../helpers";
import { createPoc } from "./share-helpers";

const WARNING = "Anyone with the link will have access without authentication.";

test("an admin creates a share link, copies it, a visitor sees the POC read-only, and deleting it ends access", async ({ page, context, browser, playwright, baseURL }) => {
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Share link acceptance", { task: "Connect the data warehouse" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });

  await signIn(page, "acmeAdmin");
  await page.goto(`/pocs/${poc.id}`);
  const openButton = page.getByRole("button", { name: "Create Share Link", exact: true });
  await openButton.click();

  // The security warning must be confirmed first.
  const dialog = page.getByRole("dialog", { name: "Create Share Link" });
  await expect(dialog.getByText(WARNING)).toBeVisible();
  const create = dialog.getByRole("button", { name: "Create Link" });
  await expect(create).toBeDisabled();
  await dialog.getByLabel("I understand").check();
  await expect(create).toBeEnabled();
  await create.click();

  // Then the full URL, read-only, with Copy.
  const manage = page.getByRole("dialog", { name: "Manage Share Link" });
  const urlInput = manage.getByLabel("Share link");
  await expect(urlInput).toHaveValue(new RegExp(`^${baseURL}/share/[A-Za-z0-9_-]{43}$`));
  await expect(urlInput).toHaveAttribute("readonly", "");
  await expect(urlInput).toBeFocused();
  const url = await urlInput.inputValue();
  await manage.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(manage.getByText("Copied!")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await expect(manage.getByText("Active", { exact: true })).toBeVisible();
  await expect(manage.getByText("Alice Admin")).toBeVisible();

  // Closing returns focus to the header button, whose label has flipped.
  await manage.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  const manageButton = page.getByRole("button", { name: "Manage Share Link", exact: true });
  await expect(manageButton).toBeFocused();
  await page.reload();
  await expect(manageButton).toBeVisible();

  // A browser without a session sees the POC, read-only.
  const visitor = await browser.newContext();
  const publicPage = await visitor.newPage();
  const res = await publicPage.goto(url);
  expect(res!.status()).toBe(200);
  await expect(publicPage.getByRole("heading", { level: 1, name: poc.title })).toBeVisible();
  await expect(publicPage.getByText("Connect the data warehouse")).toBeVisible();
  await expect(publicPage.getByRole("button")).toHaveCount(0);
  await expect(publicPage.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(publicPage.locator("form, input, select, textarea")).toHaveCount(0);

  // Delete it (with confirmation): the label flips back and the link is dead at once.
  await manageButton.click();
  await manage.getByRole("button", { name: "Delete link" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete this link?" });
  await confirm.getByRole("button", { name: "Delete link" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create Share Link", exact: true })).toBeVisible();
  const after = await publicPage.reload();
  expect(after!.status()).toBe(403);
  await expect(publicPage.getByRole("heading", { name: "This link is no longer available" })).toBeVisible();

  // A new link can be created, with a new token.
  await page.getByRole("button", { name: "Create Share Link", exact: true }).click();
  await dialog.getByLabel("I understand").check();
  await dialog.getByRole("button", { name: "Create Link" }).click();
  const second = await manage.getByLabel("Share link").inputValue();
  expect(second).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
  expect(second).not.toBe(url);
  expect((await publicPage.goto(second))!.status()).toBe(200);
  await visitor.close();
  await admin.dispose();
});

test("Cancel and Escape leave without creating a link", async ({ page, playwright, baseURL }) => {
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Share link cancel");
  await signIn(page, "acmeAdmin");
  await page.goto(`/pocs/${poc.id}`);
  const openButton = page.getByRole("button", { name: "Create Share Link", exact: true });
  await openButton.click();
  await page.getByRole("dialog", { name: "Create Share Link" }).getByRole("button", { name: "Cancel" }).click();
  await expect(openButton).toBeFocused();
  await openButton.press("Enter");
  await expect(page.getByRole("dialog", { name: "Create Share Link" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(openButton).toBeFocused();
  expect((await admin.get(`/api/v1/pocs/${poc.id}/public-link`)).status()).toBe(404);
  await admin.dispose();
});

test("a member never sees the share-link button, even on his own POC", async ({ page, playwright, baseURL }) => {
  const mark = await signedInApi(playwright, baseURL!, "acmeMark");
  const own = await pocIdByTitle(mark, "Contoso SSO rollout");
  await signIn(page, "acmeMark");
  await page.goto(`/pocs/${own}`);
  await expect(page.getByRole("heading", { level: 1, name: "Contoso SSO rollout" })).toBeVisible();
  // The owner may share with people, but public links are for tenant admins only.
  await expect(page.getByRole("button", { name: "Share", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /Share Link/ })).toHaveCount(0);
  expect((await mark.post(`/api/v1/pocs/${own}/public-link`, { data: {} })).status()).toBe(403);
  await mark.dispose();
});
