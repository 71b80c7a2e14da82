import { expect, test, type Page } from "@playwright/test";
import { freshLink, signIn, signedInApi } from "../helpers";
import { createPoc, openPublicLink } from "./share-helpers";

/** The live link's settings in the Share dialog (as the signed-in admin). */
const openManage = (page: Page, pocId: string) => openPublicLink(page, pocId, { settings: true });

test("a password set in the link settings gates the link; validation shows next to the field", async ({ page, browser, playwright, baseURL }) => {
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Share options password");
  const link = await freshLink(admin, poc.id);
  await signIn(page, "acmeAdmin");
  const dialog = await openManage(page, poc.id);
  await expect(dialog.getByText("No password")).toBeVisible();
  await expect(dialog.getByText("Passwords are never shown again.")).toBeVisible();

  // The API's rule, shown under the field.
  const password = dialog.getByLabel("Password", { exact: true });
  await password.fill("short");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByText("At least 8 characters", { exact: true })).toBeVisible();
  await expect(password).toHaveAttribute("aria-invalid", "true");

  await password.fill("open-sesame-42");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByText("Password set")).toBeVisible();
  // Write-only: the field is empty again and now asks for a new password.
  await expect(dialog.getByLabel("New password")).toHaveValue("");
  await expect(dialog.getByRole("button", { name: "Save changes" })).toBeFocused();

  const visitor = await browser.newContext();
  const publicPage = await visitor.newPage();
  await publicPage.goto(link.url);
  await expect(publicPage.getByRole("heading", { name: "This link is protected" })).toBeVisible();
  await publicPage.getByLabel("Password").fill("not-the-password");
  await publicPage.getByRole("button", { name: "View" }).click();
  await expect(publicPage.getByRole("main").getByRole("alert")).toHaveText("That password is not correct. Try again.");
  await expect(publicPage.getByRole("button", { name: "View" })).not.toHaveAttribute("aria-busy");
  await publicPage.getByLabel("Password").fill("open-sesame-42");
  await publicPage.getByRole("button", { name: "View" }).click();
  await expect(publicPage.getByRole("heading", { level: 1, name: poc.title })).toBeVisible();

  // Removing it opens the link without a gate.
  await dialog.getByRole("button", { name: "Remove password" }).click();
  await expect(dialog.getByText("No password")).toBeVisible();
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(link.url);
  await expect(fresh.getByRole("heading", { level: 1, name: poc.title })).toBeVisible();
  await visitor.close();
  await fresh.context().close();
  await admin.dispose();
});

test("the watermark option asks link viewers for their email and tiles it over the page", async ({ page, browser, playwright, baseURL }) => {
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Share options watermark");
  const link = await freshLink(admin, poc.id);
  await signIn(page, "acmeAdmin");
  const dialog = await openManage(page, poc.id);
  const watermark = dialog.getByLabel("Show each viewer's email over the page (viewers enter their email first)");
  await expect(watermark).not.toBeChecked();
  await watermark.check();
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByRole("status").filter({ hasText: "Saved: watermark." })).toBeVisible();
  await expect(watermark).toBeChecked();

  const visitor = await browser.newContext();
  const publicPage = await visitor.newPage();
  await publicPage.goto(link.url);
  await expect(publicPage.getByRole("heading", { name: "Who is viewing?" })).toBeVisible();
  await publicPage.getByLabel("Email address").fill("pat@customer.example");
  await publicPage.getByRole("button", { name: "Continue" }).click();
  await expect(publicPage.getByRole("heading", { level: 1, name: poc.title })).toBeVisible();
  await expect(publicPage.locator("[data-watermark]")).toHaveAttribute("data-watermark", "pat@customer.example");
  await expect(publicPage.locator("[data-watermark] span").first()).toContainText("pat@customer.example");
  await visitor.close();
  await admin.dispose();
});

test("expiry presets and actions: In 7 days shows in the dialog; a past custom date is refused", async ({ page, playwright, baseURL }) => {
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Share options expiry");
  const link = await freshLink(admin, poc.id);
  await signIn(page, "acmeAdmin");
  const dialog = await openManage(page, poc.id);

  await dialog.getByLabel("Expiry").selectOption({ label: "In 7 days" });
  await dialog.getByLabel("Download").check();
  // Public links never offer edit or share.
  await expect(dialog.getByRole("checkbox", { name: "Edit" })).toHaveCount(0);
  await expect(dialog.getByRole("checkbox", { name: "Share with others" })).toHaveCount(0);
  await expect(dialog.getByRole("checkbox", { name: "View", exact: true })).toBeDisabled();
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByText(/^Expires in (7 days|6 days|167 hours)$/)).toBeVisible();
  // The current expiry in the admin's time zone, with the zone's name.
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  await expect(dialog.getByText(`(${zone})`, { exact: false }).first()).toBeVisible();
  const saved = await (await admin.get(`/api/v1/sharing/grants/${link.id}`)).json();
  expect(saved.actions).toEqual(["view", "download"]);
  const days = (new Date(saved.expires_at).getTime() - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(6.9);
  expect(days).toBeLessThanOrEqual(7);

  // A custom date in the past: refused next to the field, nothing saved.
  await dialog.getByLabel("Expiry").selectOption({ label: "Custom date and time" });
  await dialog.getByLabel("Expires at").fill("2020-01-01T09:00");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByText("Must be in the future")).toBeVisible();

  // A custom date in the future, read in the browser's time zone and stored as UTC.
  const target = new Date(Date.now() + 3 * 86_400_000);
  target.setSeconds(0, 0);
  const local = await page.evaluate((ms) => {
    const d = new Date(ms);
    const p = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, target.getTime());
  await dialog.getByLabel("Expires at").fill(local);
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByText(/^Expires in 3 days$/)).toBeVisible();
  const custom = await (await admin.get(`/api/v1/sharing/grants/${link.id}`)).json();
  expect(new Date(custom.expires_at).getTime()).toBe(target.getTime());

  // And back to no expiry.
  await dialog.getByLabel("Expiry").selectOption({ label: "No expiry" });
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByText("Active", { exact: true })).toBeVisible();
  await admin.dispose();
});
