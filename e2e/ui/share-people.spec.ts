import { expect, test, type Page } from "@playwright/test";
import { signIn, signedInApi } from "../helpers";
import { createPoc, openAs } from "./share-helpers";

async function openShare(page: Page, pocId: string, title: string) {
  await page.goto(`/pocs/${pocId}`);
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Share “${title}”` });
  await expect(dialog).toBeVisible();
  return dialog;
}

test("an admin shares a POC with a member (view + comment): he sees it and can comment, but not edit", async ({ page, browser, playwright, baseURL }) => {
  test.slow(); // two browsers, a share, an edit and a revoke
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Share people member", { task: "Kick-off workshop" });
  await signIn(page, "acmeAdmin");
  const dialog = await openShare(page, poc.id, poc.title);
  await expect(dialog.getByText("Not shared with anyone yet.")).toBeVisible();

  const people = dialog.getByRole("tabpanel", { name: "People" });
  await people.getByLabel("Email address").fill("mark@acme.test");
  await expect(people.getByRole("checkbox", { name: "View", exact: true })).toBeChecked();
  await people.getByRole("checkbox", { name: "Comment" }).check();
  await people.getByRole("button", { name: "Share", exact: true }).click();
  await expect(people.getByRole("status")).toHaveText("Shared with Mark Member (mark@acme.test).");
  await expect(people.getByLabel("Email address")).toHaveValue("");
  await expect(people.getByLabel("Email address")).toBeFocused();
  const row = dialog.getByRole("listitem", { name: "Mark Member (mark@acme.test)" });
  await expect(row).toContainText("View, Comment");
  await expect(row).toContainText("No expiry");

  // Sharing again with the same person is refused with the API's message.
  await people.getByLabel("Email address").fill("mark@acme.test");
  await people.getByRole("button", { name: "Share", exact: true }).click();
  await expect(people.getByRole("alert")).toContainText("already shared with them");

  const mark = await openAs(browser, "acmeMark");
  await expect(mark.getByRole("link", { name: poc.title })).toBeVisible();
  await mark.goto(`/pocs/${poc.id}`);
  await expect(mark.getByRole("heading", { level: 1, name: poc.title })).toBeVisible();
  await expect(mark.getByText("Kick-off workshop")).toBeVisible();
  await expect(mark.getByRole("button", { name: "Post comment" })).toBeVisible();
  await expect(mark.getByRole("button", { name: "Add task" })).toHaveCount(0);
  await expect(mark.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(mark.getByRole("button", { name: "Share", exact: true })).toHaveCount(0);

  // Edit in place: add download and an expiry; Mark's next request sees the change.
  await row.getByRole("button", { name: "Edit access for Mark Member (mark@acme.test)" }).click();
  const editor = dialog.getByRole("form", { name: "Change access for Mark Member" });
  await editor.getByRole("checkbox", { name: "Download" }).check();
  await editor.getByLabel("Expiry").selectOption({ label: "In 30 days" });
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(editor).toHaveCount(0);
  await expect(row.getByRole("button", { name: "Edit access for Mark Member (mark@acme.test)" })).toBeFocused();
  await expect(row).toContainText("View, Download, Comment");
  await expect(row).toContainText(/Expires in (30|29) days/);

  // Revoke (confirmed): Mark loses access on his next request.
  await row.getByRole("button", { name: "Revoke access for Mark Member (mark@acme.test)" }).click();
  await page.getByRole("dialog", { name: "Revoke access?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(dialog.getByText("Not shared with anyone yet.")).toBeVisible();
  const gone = await mark.goto(`/pocs/${poc.id}`);
  expect(gone!.status()).toBe(404);
  await mark.context().close();
  await admin.dispose();
});

test("sharing with the executive role: Erin sees the POC", async ({ page, browser, playwright, baseURL }) => {
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Share people role");
  await signIn(page, "acmeAdmin");
  const dialog = await openShare(page, poc.id, poc.title);
  await dialog.getByRole("tab", { name: "Roles" }).click();
  const roles = dialog.getByRole("tabpanel", { name: "Roles" });
  await roles.getByRole("combobox", { name: "Role" }).selectOption({ label: "All executives" });
  await roles.getByRole("button", { name: "Share with role" }).click();
  await expect(roles.getByRole("status")).toHaveText("Shared with All executives.");
  await expect(dialog.getByRole("listitem", { name: "All executives" })).toContainText("View");

  // The tabs work from the keyboard too.
  await dialog.getByRole("tab", { name: "Roles" }).focus();
  await page.keyboard.press("ArrowLeft");
  await expect(dialog.getByRole("tab", { name: "Teams" })).toBeFocused();
  await expect(dialog.getByRole("tab", { name: "Teams" })).toHaveAttribute("aria-selected", "true");

  const erin = await openAs(browser, "acmeExec");
  await expect(erin.getByRole("link", { name: poc.title })).toBeVisible();
  await erin.goto(`/pocs/${poc.id}`);
  await expect(erin.getByRole("heading", { level: 1, name: poc.title })).toBeVisible();
  await expect(erin.getByRole("button", { name: "Post comment" })).toHaveCount(0);
  await erin.context().close();
  await admin.dispose();
});

test("a re-sharer gets only his own actions: Mark (view + share) re-shares view to Mia; edit is refused", async ({ browser, playwright, baseURL }) => {
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Share people reshare");
  const grant = await admin.post("/api/v1/sharing/grants", {
    data: { subject_type: "poc", subject_id: poc.id, principal_type: "user", email: "mark@acme.test", actions: ["view", "share"] },
  });
  expect(grant.status()).toBe(201);

  const page = await openAs(browser, "acmeMark");
  const dialog = await openShare(page, poc.id, poc.title);
  await expect(page.getByRole("button", { name: /Share Link/ })).toHaveCount(0);
  const people = dialog.getByRole("tabpanel", { name: "People" });
  await expect(people.getByRole("checkbox", { name: "Edit" })).toHaveCount(0);
  await expect(people.getByRole("checkbox", { name: "Comment" })).toHaveCount(0);
  await expect(people.getByRole("checkbox", { name: "Download" })).toHaveCount(0);
  await expect(people.getByRole("checkbox", { name: "Share with others" })).toBeVisible();
  // Mark's own grant (made by the admin) is listed, but he cannot change it.
  const own = dialog.getByRole("listitem", { name: "Mark Member (mark@acme.test)" });
  await expect(own).toBeVisible();
  await expect(own.getByRole("button")).toHaveCount(0);

  await people.getByLabel("Email address").fill("mia@acme.test");
  await people.getByRole("button", { name: "Share", exact: true }).click();
  await expect(people.getByRole("status")).toHaveText("Shared with Mia Member (mia@acme.test).");
  const mia = dialog.getByRole("listitem", { name: "Mia Member (mia@acme.test)" });
  await expect(mia).toContainText("View");
  // He may revoke what he shared himself.
  await expect(mia.getByRole("button", { name: "Revoke access for Mia Member (mia@acme.test)" })).toBeVisible();

  const miaApi = await signedInApi(playwright, baseURL!, "acmeMia");
  const list = await (await miaApi.get("/api/v1/pocs")).json();
  expect(list.data.some((p: { id: string }) => p.id === poc.id)).toBe(true);

  // The server refuses escalation whatever the UI offers.
  const markApi = await signedInApi(playwright, baseURL!, "acmeMark");
  const escalate = await markApi.post("/api/v1/sharing/grants", {
    data: { subject_type: "poc", subject_id: poc.id, principal_type: "user", email: "erin@acme.test", actions: ["view", "edit"] },
  });
  expect(escalate.status()).toBe(403);
  const problem = await escalate.json();
  expect(problem.code).toBe("auth/forbidden");
  expect(problem.detail).toContain("edit");
  await page.context().close();
  await Promise.all([admin.dispose(), miaApi.dispose(), markApi.dispose()]);
});

test("an unknown email becomes a pending invitation that can be resent and revoked", async ({ page, playwright, baseURL }) => {
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Share people invite");
  const email = `guest-${Date.now().toString(36)}@customer.example`;
  await signIn(page, "acmeAdmin");
  const dialog = await openShare(page, poc.id, poc.title);
  const people = dialog.getByRole("tabpanel", { name: "People" });
  await people.getByLabel("Email address").fill(email);
  await people.getByRole("button", { name: "Share", exact: true }).click();
  await expect(people.getByRole("status")).toContainText(`Invitation sent to ${email}`);
  const row = dialog.getByRole("listitem", { name: email });
  await expect(row.getByText("Invited (pending)")).toBeVisible();
  await row.getByRole("button", { name: `Resend invite to ${email}` }).click();
  await expect(row.getByText("Invitation sent again.")).toBeVisible();
  await row.getByRole("button", { name: `Revoke access for ${email}` }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke access?" });
  // Escape closes only the confirmation.
  await page.keyboard.press("Escape");
  await expect(confirm).toHaveCount(0);
  await expect(dialog).toBeVisible();
  await row.getByRole("button", { name: `Revoke access for ${email}` }).click();
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toHaveCount(0);
  await expect(dialog.getByText("Not shared with anyone yet.")).toBeVisible();
  // Invalid emails are named next to the field (several can be typed at once).
  await people.getByLabel("Email address").fill("not-an-email");
  await people.getByRole("button", { name: "Share", exact: true }).click();
  await expect(people.getByText("Not an email address: not-an-email")).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("button", { name: "Share", exact: true })).toBeFocused();
  await admin.dispose();
});
