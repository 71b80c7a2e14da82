import { expect, test } from "@playwright/test";
import { freshLink, signIn, signedInApi } from "../helpers";
import { createPoc } from "./share-helpers";

test("Settings → Shared links lists live links with Copy and Revoke; members get the no-access page", async ({ page, context, browser, playwright, baseURL }) => {
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Share settings list");
  const link = await freshLink(admin, poc.id, { watermark: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });
  await signIn(page, "acmeAdmin");
  await page.goto("/settings/shared-links");
  await expect(page.getByRole("heading", { level: 1, name: "Shared links" })).toBeVisible();

  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: poc.title }) });
  await expect(row).toContainText("Alice Admin");
  await expect(row).toContainText("Watermark");
  await expect(row).toContainText("Never");
  await expect(row.getByLabel(`Share link for ${poc.title}`)).toHaveValue(link.url);
  await row.getByRole("button", { name: `Copy the link to ${poc.title}` }).click();
  await expect(row.getByText("Copied!")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link.url);

  await row.getByRole("button", { name: `Revoke the link to ${poc.title}` }).click();
  await page.getByRole("dialog", { name: "Revoke this link?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("link", { name: poc.title })).toHaveCount(0);
  expect((await page.request.get(link.url)).status()).toBe(403);

  // The title links to the POC.
  const other = await createPoc(admin, "Share settings link");
  await freshLink(admin, other.id);
  await page.reload();
  await page.getByRole("link", { name: other.title }).click();
  await expect(page).toHaveURL(new RegExp(`/pocs/${other.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: other.title })).toBeVisible();

  const member = await browser.newContext();
  const markPage = await member.newPage();
  await signIn(markPage, "acmeMark");
  await markPage.goto("/settings/shared-links");
  await expect(markPage.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await member.close();
  await admin.dispose();
});
