/**
 * Members and the account page (issue 17): invitees who signed up are listed as external guests
 * with what is shared with them and can be removed (confirmed); role changes ask first and say
 * what admin grants; everyone edits their display name on the Account page.
 */
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
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

test("an admin invites a member with a role from Members; the emailed link sets a password and lands them in the tenant with it", async ({ browser, page, playwright }, testInfo) => {
  const tag = randomBytes(4).toString("hex");
  const email = `invitee+${tag}@example.test`;
  const name = `Ivy Invitee ${tag}`; // unique, so a repeated run finds its own row
  const other = `revoke+${randomBytes(4).toString("hex")}@example.test`;
  await signIn(page, "acmeAdmin");
  await page.goto("/settings/members");
  const form = page.getByRole("form", { name: "Invite a member" });
  const pending = page.getByRole("region", { name: "Pending invitations" });

  // Someone who already is a member is told so, not invited twice.
  await form.getByLabel("Email").fill("mark@acme.test");
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByText("mark@acme.test is already a member")).toBeVisible();

  for (const [address, role] of [[other, "Member"], [email, "Executive"]] as const) {
    await form.getByLabel("Email").fill(address);
    await form.getByLabel("Role").selectOption({ label: role });
    await form.getByRole("button", { name: "Send invitation" }).click();
    await expect(form.getByRole("status")).toHaveText(`Invitation sent to ${address} as ${role}.`);
    await expect(pending.getByRole("row").filter({ hasText: address })).toContainText(role);
  }

  // The page with its invitation form and pending invitations, scanned and seen at two widths.
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("members-invite-1280.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath("members-invite-390.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // Revoke asks first.
  await pending.getByRole("button", { name: `Revoke the invitation to ${other}` }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke the invitation to ${other}?` });
  await expect(dialog).toContainText("stops working at once");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(pending.getByRole("row").filter({ hasText: other })).toBeVisible();
  await pending.getByRole("button", { name: `Revoke the invitation to ${other}` }).click();
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect(pending.getByRole("row").filter({ hasText: other })).toHaveCount(0);

  // Resend: a fresh link; the newest email carries it.
  await pending.getByRole("button", { name: `Resend the invitation to ${email}` }).click();
  await expect(pending.getByRole("row").filter({ hasText: email }).getByRole("status")).toHaveText("Invitation sent again.");
  const sink = await playwright.request.newContext();
  let inviteUrl = "";
  await expect
    .poll(async () => {
      const all: { to: string[]; text: string }[] = await (await sink.get(`${sinkUrl}/messages`)).json();
      const mails = all.filter((m) => m.to.includes(email));
      inviteUrl = mails.length === 2 ? (mails[1]!.text.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)?.[0] ?? "") : "";
      return inviteUrl !== "";
    })
    .toBe(true);
  await sink.dispose();

  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(inviteUrl);
  await expect(invitee.getByRole("heading", { level: 1, name: /^Join / })).toBeVisible();
  await expect(invitee.getByText(/invited .* to join .* as Executive/)).toBeVisible();
  await invitee.getByLabel("Your name").fill(name);
  await invitee.getByLabel("Choose a password").fill("a-long-enough-password");
  await invitee.getByRole("button", { name: "Create account" }).click();
  await expect(invitee).toHaveURL(/\/pocs$/);
  await expect(invitee.getByRole("banner")).toContainText(name);

  await page.reload();
  await expect(pending.getByRole("row").filter({ hasText: email })).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: `Role of ${name}` })).toHaveValue("executive");
});
