import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { signIn, signedInApi, type DemoUser } from "../helpers";

// Issue 5: invitations over real SMTP (e2e/smtp-sink.mjs), role changes and teams.
// Every test works on POCs it creates; the role test restores Erin's role before it ends.
const sinkUrl = `http://127.0.0.1:${Number(process.env.E2E_SMTP_PORT ?? 2525) + 1}`;
const suffix = () => randomBytes(4).toString("hex");

let admin: APIRequestContext;
test.beforeAll(async ({ playwright, baseURL }) => {
  admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
});
test.afterAll(async () => admin.dispose());

async function createPoc(title: string): Promise<string> {
  const res = await admin.post("/api/v1/pocs", { data: { title, customer: "E2E People Inc" } });
  expect(res.status()).toBe(201);
  return (await res.json()).id;
}

async function share(pocId: string, principal: Record<string, unknown>) {
  const res = await admin.post("/api/v1/sharing/grants", { data: { subject_type: "poc", subject_id: pocId, actions: ["view"], ...principal } });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

async function userPage(browser: Browser, user: DemoUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  return page;
}

type SinkMessage = { to: string[]; subject: string; text: string };

/** Waits until the sink got an email to `email` whose subject names `title`; returns its invite URL. */
async function inviteUrlFromSink(request: APIRequestContext, email: string, title: string): Promise<string> {
  let message: SinkMessage | undefined;
  await expect
    .poll(
      async () => {
        const all: SinkMessage[] = await (await request.get(`${sinkUrl}/messages`)).json();
        message = all.find((m) => m.to.includes(email) && m.subject.includes(title));
        return message ? "arrived" : "waiting";
      },
      { timeout: 20_000, message: `invite email to ${email} about ${title}` },
    )
    .toBe("arrived");
  const url = message!.text.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)?.[0];
  expect(url, message!.text).toBeTruthy();
  return url!;
}

test("an invitation sent over SMTP lets a newcomer sign up and open the POC; the link then says it is used", async ({ browser, playwright }) => {
  const sink = await playwright.request.newContext();
  const title = `Invite POC ${suffix()}`;
  const secondTitle = `Second invite POC ${suffix()}`;
  const [pocId, secondPocId] = [await createPoc(title), await createPoc(secondTitle)];
  const email = `newcomer+${suffix()}@example.com`;
  await share(pocId, { principal_type: "user", email });
  await share(secondPocId, { principal_type: "user", email });
  const inviteUrl = await inviteUrlFromSink(sink, email, title);
  const secondInviteUrl = await inviteUrlFromSink(sink, email, secondTitle);
  await sink.dispose();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(inviteUrl);
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel("Your name").fill("Nora Newcomer");
  await page.getByLabel("Choose a password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("At least 10 characters", { exact: true })).toBeVisible();
  await page.getByLabel("Choose a password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(new RegExp(`/pocs/${pocId}$`));
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  // An invited outsider has no tenant: the nav offers what was shared with them only.
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Shared with me" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "POCs" })).toHaveCount(0);
  await expect(nav.getByRole("button", { name: "Settings" })).toHaveCount(0);
  await nav.getByRole("link", { name: "Shared with me" }).click();
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByRole("link", { name: secondTitle })).toBeVisible(); // bound at sign-up too
  expect((await page.goto("/settings/members"))!.ok()).toBe(true);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();

  await page.goto(inviteUrl);
  await expect(page.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();

  // Signed in with the invited email, the other invitation is accepted with one click.
  await page.goto(secondInviteUrl);
  await expect(page.getByRole("heading", { name: "Accept your invitation" })).toBeVisible();
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page).toHaveURL(new RegExp(`/pocs/${secondPocId}$`));
  await expect(page.getByRole("heading", { level: 1, name: secondTitle })).toBeVisible();
  await context.close();

  const stranger = await browser.newContext();
  const again = await stranger.newPage();
  await again.goto(inviteUrl);
  await expect(again.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
  await again.goto(secondInviteUrl);
  await expect(again.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
  await again.goto(`${new URL(inviteUrl).origin}/invite/${"x".repeat(43)}`);
  await expect(again.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
  await stranger.close();
});

test.describe.serial("role changes apply on the next request", () => {
  test("the last admin cannot demote themselves: the error shows and the role stays", async ({ browser }) => {
    const page = await userPage(browser, "acmeAdmin");
    await page.goto("/settings/members");
    const role = page.getByLabel("Role of Alice Admin");
    await expect(role).toHaveValue("tenant_admin");
    await role.selectOption("member");
    // The change asks first; the refusal shows in the confirmation, and the role stays.
    const dialog = page.getByRole("dialog", { name: "Make Alice Admin a Member?" });
    await dialog.getByRole("button", { name: "Make Member" }).click();
    await expect(dialog.getByRole("alert")).toHaveText("A tenant needs at least one active admin");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(role).toHaveValue("tenant_admin");
    await page.reload();
    await expect(page.getByLabel("Role of Alice Admin")).toHaveValue("tenant_admin");
    await page.context().close();
  });

  test("an executive loses a role-shared POC when made a member, and gets it back", async ({ browser }) => {
    const title = `Exec POC ${suffix()}`;
    const pocId = await createPoc(title);
    await share(pocId, { principal_type: "role", principal_id: "executive" });

    const erin = await userPage(browser, "acmeExec");
    await erin.getByRole("link", { name: "Shared with me" }).click();
    await expect(erin.getByRole("heading", { level: 1, name: "Shared with me" })).toBeVisible();
    const card = erin.getByRole("listitem").filter({ has: erin.getByRole("link", { name: title }) });
    await expect(card).toContainText("Alice Admin");
    await expect(card.getByRole("list", { name: "What you can do" })).toHaveText("View");
    expect((await erin.goto(`/pocs/${pocId}`))!.status()).toBe(200);

    const adminPage = await userPage(browser, "acmeAdmin");
    await adminPage.getByRole("button", { name: "Settings" }).click();
    await adminPage.getByRole("link", { name: "Members" }).click();
    await expect(adminPage.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
    const role = adminPage.getByLabel("Role of Erin Executive");
    const row = adminPage.getByRole("row").filter({ has: role });
    try {
      await role.selectOption({ label: "Member" });
      await adminPage.getByRole("dialog", { name: "Make Erin Executive a Member?" }).getByRole("button", { name: "Make Member" }).click();
      await expect(row.getByRole("status")).toHaveText("Saved: now Member.");

      const res = await erin.goto(`/pocs/${pocId}`);
      expect(res!.status()).toBe(404);
      await expect(erin.getByRole("heading", { name: "POC not found" })).toBeVisible();
    } finally {
      // Restore at once: other spec files expect Erin to be the demo's executive.
      await role.selectOption({ label: "Executive" });
      await adminPage.getByRole("dialog", { name: "Make Erin Executive an Executive?" }).getByRole("button", { name: "Make Executive" }).click();
      await expect(row.getByRole("status")).toHaveText("Saved: now Executive.");
    }
    await adminPage.reload();
    await expect(adminPage.getByLabel("Role of Erin Executive")).toHaveValue("executive");
    expect((await erin.goto(`/pocs/${pocId}`))!.status()).toBe(200);
    await erin.context().close();
    await adminPage.context().close();
  });
});

test("a team grant follows team membership: added, Mia sees the POC; removed, she gets 404", async ({ browser }) => {
  const teamName = `E2E team ${suffix()}`;
  const adminPage = await userPage(browser, "acmeAdmin");
  await adminPage.goto("/settings/teams");
  await adminPage.getByLabel("Team name").fill(teamName);
  await adminPage.getByRole("button", { name: "Create team" }).click();
  const card = adminPage.getByRole("region", { name: teamName });
  await expect(card).toBeVisible();
  await expect(adminPage.getByLabel("Team name")).toHaveValue("");
  await expect(card).toContainText("No one in this team yet.");
  const teamId = await card.getAttribute("data-team-id");
  expect(teamId).toMatch(/^[0-9a-f-]{36}$/);

  await card.getByLabel("Add member").selectOption({ label: "Mia Member (mia@acme.test)" });
  await card.getByRole("button", { name: "Add", exact: true }).click();
  const members = card.getByRole("list", { name: `Members of ${teamName}` });
  await expect(members).toContainText("Mia Member");
  // Mia is no longer offered in the select.
  await expect(card.getByLabel("Add member").locator("option", { hasText: "mia@acme.test" })).toHaveCount(0);

  const title = `Team POC ${suffix()}`;
  const pocId = await createPoc(title);
  await share(pocId, { principal_type: "team", principal_id: teamId });

  const mia = await userPage(browser, "acmeMia");
  await mia.getByRole("link", { name: "Shared with me" }).click();
  await mia.getByRole("link", { name: title }).click();
  await expect(mia).toHaveURL(new RegExp(`/pocs/${pocId}$`));
  await expect(mia.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await card.getByRole("button", { name: `Remove Mia Member from ${teamName}` }).click();
  const dialog = adminPage.getByRole("dialog", { name: `Remove Mia Member from ${teamName}?` });
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText("No one in this team yet.");

  const res = await mia.reload();
  expect(res!.status()).toBe(404);
  await expect(mia.getByRole("heading", { name: "POC not found" })).toBeVisible();

  // Clean up: delete the team (with confirmation).
  await card.getByRole("button", { name: `Delete team ${teamName}` }).click();
  await adminPage.getByRole("dialog").getByRole("button", { name: "Delete team" }).click();
  await expect(adminPage.getByRole("region", { name: teamName })).toHaveCount(0);
  await mia.context().close();
  await adminPage.context().close();
});
