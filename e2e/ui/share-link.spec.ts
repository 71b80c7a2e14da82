import { expect, test } from "@playwright/test";
import { pocIdByTitle, signIn, signedInApi } from "../helpers";
import { createPoc, openShareDialog } from "./share-helpers";

const WARNING = "Anyone with the link will have access without authentication.";

test("an admin creates a share link in the Share dialog, copies it, a visitor sees the POC read-only, and deleting it ends access", async ({ page, context, browser, playwright, baseURL }) => {
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Share link acceptance", { task: "Connect the data warehouse" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });

  await signIn(page, "acmeAdmin");
  const dialog = await openShareDialog(page, poc.id);
  const general = dialog.getByRole("region", { name: "General access" });
  const linkRegion = general.getByRole("region", { name: "Public link", exact: true });
  await expect(linkRegion).toContainText("Off: only the people above have access.");
  await linkRegion.getByRole("button", { name: "Create a public link" }).click();

  // The security warning must be confirmed first.
  await expect(linkRegion.getByText(WARNING)).toBeVisible();
  const create = linkRegion.getByRole("button", { name: "Create link" });
  await expect(create).toBeDisabled();
  await linkRegion.getByLabel("I understand").check();
  await expect(create).toBeEnabled();
  await create.click();

  // Then the full URL, read-only, with Copy; "Copied!" takes no room of its own.
  const urlInput = linkRegion.getByLabel("Share link");
  await expect(urlInput).toHaveValue(new RegExp(`^${baseURL}/share/[A-Za-z0-9_-]{43}$`));
  await expect(urlInput).toHaveAttribute("readonly", "");
  await expect(urlInput).toBeFocused();
  const url = await urlInput.inputValue();
  // What sits right under the URL (the link's metadata) stays put.
  const below = linkRegion.getByText("Created by");
  const before = await below.boundingBox();
  await linkRegion.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(linkRegion.getByText("Copied!")).toBeVisible();
  expect(await below.boundingBox()).toEqual(before);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await expect(linkRegion.getByText("Active", { exact: true })).toBeVisible();
  await expect(linkRegion.getByText("Alice Admin")).toBeVisible();

  // A browser without a session sees the POC, read-only.
  const visitor = await browser.newContext();
  const publicPage = await visitor.newPage();
  const res = await publicPage.goto(url);
  expect(res!.status()).toBe(200);
  await expect(publicPage.getByRole("heading", { level: 1, name: poc.title })).toBeVisible();
  await expect(publicPage.getByText("Connect the data warehouse")).toBeVisible();
  await expect(publicPage.getByRole("button")).toHaveCount(0);
  await expect(publicPage.locator("form, input, select, textarea")).toHaveCount(0);

  // Delete it (with confirmation): the link is dead at once, and focus lands on "Create a new link".
  await linkRegion.getByRole("button", { name: "Delete link" }).click();
  await page.getByRole("dialog", { name: "Delete this link?" }).getByRole("button", { name: "Delete link" }).click();
  await expect(page.getByRole("dialog", { name: "Delete this link?" })).toHaveCount(0);
  const again = linkRegion.getByRole("button", { name: "Create a new link" });
  await expect(again).toBeFocused();
  const after = await publicPage.reload();
  expect(after!.status()).toBe(403);
  await expect(publicPage.getByRole("heading", { name: "This link is no longer available" })).toBeVisible();

  // A new link can be created, with a new token.
  await again.click();
  await linkRegion.getByLabel("I understand").check();
  await linkRegion.getByRole("button", { name: "Create link" }).click();
  await expect(linkRegion.getByLabel("Share link")).toHaveValue(/\/share\/[A-Za-z0-9_-]{43}$/);
  const second = await linkRegion.getByLabel("Share link").inputValue();
  expect(second).not.toBe(url);
  expect((await publicPage.goto(second))!.status()).toBe(200);
  await visitor.close();
  await admin.dispose();
});

test("Escape leaves without creating a link, and focus returns to Share", async ({ page, playwright, baseURL }) => {
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Share link cancel");
  await signIn(page, "acmeAdmin");
  const dialog = await openShareDialog(page, poc.id);
  await dialog.getByRole("button", { name: "Create a public link" }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Share", exact: true })).toBeFocused();
  expect((await admin.get(`/api/v1/pocs/${poc.id}/public-link`)).status()).toBe(404);
  await admin.dispose();
});

test("a member never sees General access, even on his own POC", async ({ page, playwright, baseURL }) => {
  const mark = await signedInApi(playwright, baseURL!, "acmeMark");
  const own = await pocIdByTitle(mark, "Contoso SSO rollout");
  await signIn(page, "acmeMark");
  const dialog = await openShareDialog(page, own);
  // The owner may share with people, but public links are for tenant admins only.
  await expect(dialog.getByRole("region", { name: "Who has access" })).toBeVisible();
  await expect(dialog.getByRole("region", { name: "General access" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Share Link/ })).toHaveCount(0);
  expect((await mark.post(`/api/v1/pocs/${own}/public-link`, { data: {} })).status()).toBe(403);
  await mark.dispose();
});
