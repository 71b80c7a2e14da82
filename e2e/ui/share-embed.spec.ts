/**
 * The admin's side of embeds: Share dialog → Embed creates one (with readable errors for bad
 * origins) and hands out the snippet; Settings → Embeds lists it, rotates the signing key and
 * ends the old key's grace period, each behind a confirmation. Members see neither.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signedInApi } from "../helpers";
import { createPoc } from "./share-helpers";

async function expectNoAxeViolations(page: Page, include?: string) {
  // The app-wide table header colour (.data-table th, the shared stylesheet) is not this
  // page's to change; everything else on it is scanned.
  const builder = new AxeBuilder({ page }).exclude(".data-table thead");
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("Share dialog → Embed: bad origins get a readable error, a good one gives a snippet", async ({ page, playwright, baseURL }) => {
  test.slow(); // two axe scans and two viewport screenshots
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Embed dialog", { task: "Connect the intranet" });
  await signIn(page, "acmeAdmin");
  await page.goto(`/pocs/${poc.id}`);
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const shareDialog = page.getByRole("dialog");
  // Embeds live in the one Share dialog's General access, behind their own disclosure.
  await shareDialog.getByRole("button", { name: "Embeds", exact: true }).click();
  const dialog = shareDialog.getByRole("region", { name: "Embed", exact: true });

  const origins = dialog.getByLabel("Sites that may embed it");
  await origins.fill("http://intranet.example.com/path");
  await dialog.getByRole("button", { name: "Create embed" }).click();
  await expect(dialog.getByText(/use https|exact origin/)).toBeVisible();
  await expect(origins).toHaveAttribute("aria-invalid", "true");

  await origins.fill("https://intranet.example.com");
  await dialog.getByLabel("Comment").check();
  await dialog.getByRole("button", { name: "Create embed" }).click();
  await expect(dialog.getByText("Embed created. Copy the snippet into the site's page.")).toBeVisible();
  const item = dialog.getByRole("list", { name: "Live embeds" }).getByRole("listitem");
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("https://intranet.example.com");
  await expect(item).toContainText("Comment");
  const snippet = await item.getByLabel("Embed snippet").inputValue();
  expect(snippet).toMatch(/^<iframe src="http:\/\/localhost:\d+\/embed\/[\w-]+\.[\w-]+\.[\w-]+" title="[^"]+" .*sandbox="allow-forms"/);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: test.info().outputPath("share-dialog-embed-1280.png") });
  await expectNoAxeViolations(page, "dialog");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath("share-dialog-embed-390.png"), fullPage: true });

  // Revoke asks first, then the embed is gone from the list and its URL shows the revoked page.
  const url = await item.getByLabel("Embed URL").inputValue();
  await item.getByRole("button", { name: /Revoke the embed/ }).click();
  await page.getByRole("dialog", { name: "Revoke this embed?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(dialog.getByRole("list", { name: "Live embeds" })).toHaveCount(0);
  expect((await page.request.get(url)).status()).toBe(403);
  await admin.dispose();
});

// Globex: rotating Acme's key would cut off the embeds other specs frame at the same time.
test("Settings → Embeds: rotate the key (old tokens keep working), then revoke the old key now", async ({ page, browser, playwright, baseURL }) => {
  test.slow(); // an axe scan, three sign-ins' worth of pages
  const admin = await signedInApi(playwright, baseURL!, "globexAdmin");
  const poc = await createPoc(admin, "Embed settings", { task: "Rotate" });
  const created = await admin.post("/api/v1/sharing/grants", {
    data: { subject_type: "poc", subject_id: poc.id, principal_type: "embed", embed_origins: ["https://portal.example.com"] },
  });
  expect(created.status()).toBe(201);
  const { embed_url: oldUrl } = await created.json();

  await signIn(page, "globexAdmin");
  await page.goto("/settings/embeds");
  await expect(page.getByRole("heading", { level: 1, name: "Embeds" })).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: poc.title }) });
  await expect(row).toContainText("https://portal.example.com");
  await expect(row.getByLabel(`Embed snippet for ${poc.title}`)).toHaveValue(new RegExp(oldUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: test.info().outputPath("settings-embeds-1280.png"), fullPage: true });
  await expectNoAxeViolations(page, "main");

  await page.getByRole("button", { name: "Rotate key" }).click();
  await page.getByRole("dialog", { name: "Rotate the signing key?" }).getByRole("button", { name: "Rotate" }).click();
  const keys = page.getByRole("table", { name: "Signing key" });
  await expect(keys.getByRole("row").filter({ hasText: "Grace period" })).toHaveCount(1);
  await expect(keys.getByRole("row").filter({ hasText: "Signing" })).toHaveCount(1);
  // The snippet now carries a token of the new key; the old one still opens during the grace period.
  await expect(row.getByLabel(`Embed snippet for ${poc.title}`)).not.toHaveValue(new RegExp(oldUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  expect((await page.request.get(oldUrl)).status()).toBe(200);

  await page.getByRole("button", { name: "Revoke the old key now" }).click();
  await page.getByRole("dialog", { name: "Revoke the old key now?" }).getByRole("button", { name: "Revoke old key" }).click();
  await expect(keys.getByRole("row").filter({ hasText: "Grace period" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Revoke the old key now" })).toHaveCount(0);
  const refused = await page.request.get(oldUrl);
  expect(refused.status()).toBe(401);
  expect(await refused.text()).toContain("embed/expired");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath("settings-embeds-390.png"), fullPage: true });

  const member = await browser.newContext();
  const markPage = await member.newPage();
  await signIn(markPage, "acmeMark");
  await markPage.goto("/settings/embeds");
  await expect(markPage.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await member.close();
  await admin.dispose();
});
