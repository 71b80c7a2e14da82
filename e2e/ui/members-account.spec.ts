/**
 * Members and the account page (issue 17): invitees who signed up are listed as external guests
 * with what is shared with them and can be removed (confirmed); role changes ask first and say
 * what admin grants; everyone edits their display name on the Account page.
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { newPoc, signIn, signedInApi } from "../helpers";

// The scans and sign-ups are slow on a busy machine.
test.describe.configure({ timeout: 120_000 });

const sinkUrl = `http://127.0.0.1:${Number(process.env.E2E_SMTP_PORT ?? 2525) + 1}`;

test("an invitee who signed up is an external guest in Members, renames themself, and loses access when an admin removes them", async ({ browser, page, playwright, baseURL }, testInfo) => {
  const api = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const title = `Guest POC ${Date.now()}`;
  const pocId = await newPoc(api, title);
  const email = `guest+${randomBytes(4).toString("hex")}@partner.example`;
  const grant = await api.post("/api/v1/sharing/grants", { data: { subject_type: "poc", subject_id: pocId, principal_type: "user", email, actions: ["view", "comment"] } });
  expect(grant.status()).toBe(201);
  const sink = await playwright.request.newContext();
  let inviteUrl = "";
  await expect
    .poll(async () => {
      const all: { to: string[]; text: string }[] = await (await sink.get(`${sinkUrl}/messages`)).json();
      inviteUrl = all.find((m) => m.to.includes(email))?.text.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)?.[0] ?? "";
      return inviteUrl !== "";
    })
    .toBe(true);
  await sink.dispose();

  const guest = await (await browser.newContext()).newPage();
  await guest.goto(inviteUrl);
  await guest.getByLabel("Your name").fill("Gina Guest");
  await guest.getByLabel("Choose a password").fill("a-long-enough-password");
  await guest.getByRole("button", { name: "Create account" }).click();
  await expect(guest.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // The account page: name, password, sessions, and the API reference.
  await guest.goto("/account");
  await expect(guest.getByRole("heading", { name: "Change password" })).toBeVisible();
  await expect(guest.getByRole("button", { name: /Sign out everywhere/ })).toBeVisible();
  await expect(guest.getByRole("link", { name: "API reference" })).toBeVisible();
  const name = guest.getByRole("textbox", { name: "Name" });
  await expect(name).toHaveValue("Gina Guest");
  await name.fill("");
  await guest.getByRole("button", { name: "Save name" }).click();
  await expect(guest.getByText("Enter your name")).toBeVisible();
  await name.fill("Gina G. Partner");
  await guest.getByRole("button", { name: "Save name" }).click();
  await expect(guest.getByRole("status").filter({ hasText: "Name saved." })).toBeVisible();
  await guest.reload();
  await expect(guest.getByRole("textbox", { name: "Name" })).toHaveValue("Gina G. Partner");
  await expect(guest.getByRole("banner")).toContainText("Gina G. Partner");

  await signIn(page, "acmeAdmin");
  await page.goto("/settings/members");
  const guests = page.getByRole("region", { name: "External guests" });
  const row = guests.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("External guest");
  await expect(row).toContainText(email);
  await expect(row.getByRole("link", { name: title })).toBeVisible();
  await expect(row).toContainText("View, Comment");

  await page.screenshot({ path: testInfo.outputPath("members-1280.png"), fullPage: true });
  await guest.setViewportSize({ width: 390, height: 844 });
  await guest.goto("/account");
  await guest.screenshot({ path: testInfo.outputPath("account-390.png"), fullPage: true });
  await row.getByRole("button", { name: "Remove Gina G. Partner" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove Gina G. Partner?" });
  await expect(dialog).toContainText("lose access on their next request");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Remove Gina G. Partner" }).click();
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(guests.getByRole("row").filter({ hasText: email })).toHaveCount(0);

  const gone = await guest.goto(`/pocs/${pocId}`);
  expect(gone?.status()).toBe(404);
  await guest.close();
  await api.dispose();
});

test("a role change asks first; promoting to admin says what it grants", async ({ page }) => {
  await signIn(page, "acmeAdmin");
  await page.goto("/settings/members");
  const role = page.getByRole("combobox", { name: "Role of Mia Member" });
  const before = await role.inputValue();
  await role.selectOption("tenant_admin");
  const dialog = page.getByRole("dialog", { name: "Make Mia Member an Admin?" });
  await expect(dialog).toContainText("see, edit, share and delete every POC");
  await expect(dialog).toContainText("manage members");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(role).toHaveValue(before);
  // Nothing changed on the server either.
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Role of Mia Member" })).toHaveValue(before);
});

test("an admin's account page links to API tokens", async ({ page }) => {
  await signIn(page, "acmeAdmin");
  await page.goto("/account");
  await page.getByRole("link", { name: "Manage API tokens" }).click();
  await expect(page).toHaveURL(/\/settings\/api-tokens$/);
});
