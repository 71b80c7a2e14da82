import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn, signedInApi, USERS } from "../helpers";

// Issue 15: an admin creates a SCIM token in Settings → Identity provider; an "identity
// provider" (this test, over HTTP) pushes a group with Mia in it; the Teams page shows it as
// synced and read-only; a team grant opens a POC to Mia, and removing her from the group in
// the IdP takes the POC away on her next page load.
const SCIM_TYPE = "application/scim+json";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

let admin: APIRequestContext;
test.beforeAll(async ({ playwright, baseURL }) => {
  admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
});
test.afterAll(async () => admin.dispose());

test("a SCIM-synced group is read-only in Teams and its membership drives team grants on the next request", async ({ page, browser, playwright, baseURL }, testInfo) => {
  // Three actors (admin page, IdP over HTTP, Mia's page) and two screenshots: a long flow.
  test.slow();
  const suffix = randomBytes(3).toString("hex");
  const groupName = `IdP Sales ${suffix}`;

  // The admin creates the token in the UI; it is shown once.
  await signIn(page, "acmeAdmin");
  await page.goto("/settings/identity-provider");
  await expect(page.getByRole("heading", { level: 1, name: "Identity provider" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "SCIM base URL" })).toHaveValue(`${baseURL}/scim/v2`);
  await page.getByLabel("Token name").fill(`Okta ${suffix}`);
  await page.getByRole("button", { name: "Create token" }).click();
  const reveal = page.getByRole("region", { name: "New SCIM token" });
  const token = (await reveal.getByLabel("SCIM token", { exact: true }).textContent())!.trim();
  expect(token).toMatch(/^pmscim_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("row", { name: new RegExp(`Okta ${suffix}`) })).toContainText("Never");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: testInfo.outputPath("identity-provider-1280.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath("identity-provider-390.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // The identity provider finds Mia and pushes a group with her in it.
  const idp = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}`, "content-type": SCIM_TYPE } });
  const lookup = await idp.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${USERS.acmeMia}"`)}&startIndex=1&count=100`);
  expect(lookup.status()).toBe(200);
  expect(lookup.headers()["content-type"]).toBe(SCIM_TYPE);
  const miaId = (await lookup.json()).Resources[0].id as string;
  const created = await idp.post("/scim/v2/Groups", {
    data: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: groupName, members: [{ value: miaId }] },
  });
  expect(created.status()).toBe(201);
  const groupId = (await created.json()).id as string;

  // Teams: synced, read-only (no delete, no add, no remove).
  await page.goto("/settings/teams");
  const card = page.getByRole("region", { name: groupName });
  await expect(card.getByText("Synced", { exact: true })).toBeVisible();
  await expect(card.getByText(/Synced from your identity provider/)).toBeVisible();
  await expect(card.getByRole("listitem").filter({ hasText: USERS.acmeMia })).toBeVisible();
  await expect(card.getByRole("button")).toHaveCount(0);
  await expect(card.getByLabel("Add member")).toHaveCount(0);
  await card.screenshot({ path: testInfo.outputPath("synced-team-1280.png") });

  // A team grant on a new POC gives Mia access.
  const poc = await admin.post("/api/v1/pocs", { data: { title: `SCIM POC ${suffix}`, customer: "E2E SCIM" } });
  expect(poc.status()).toBe(201);
  const pocId = (await poc.json()).id as string;
  const grant = await admin.post("/api/v1/sharing/grants", {
    data: { subject_type: "poc", subject_id: pocId, principal_type: "team", principal_id: groupId, actions: ["view"] },
  });
  expect(grant.status(), await grant.text()).toBe(201);

  const mia = await (await browser.newContext()).newPage();
  await signIn(mia, "acmeMia");
  await mia.goto(`/pocs/${pocId}`);
  await expect(mia.getByRole("heading", { level: 1, name: `SCIM POC ${suffix}` })).toBeVisible();

  // The IdP removes her from the group (Okta's shape): the next load is "not found".
  const removed = await idp.patch(`/scim/v2/Groups/${groupId}`, {
    data: { schemas: [PATCH_OP], Operations: [{ op: "remove", path: `members[value eq "${miaId}"]` }] },
  });
  expect(removed.status()).toBe(204);
  await mia.reload();
  await expect(mia.getByRole("heading", { level: 1, name: "POC not found" })).toBeVisible();
  await expect(mia.getByText(`SCIM POC ${suffix}`)).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole("region", { name: groupName }).getByText("No one in this team yet.")).toBeVisible();

  await idp.delete(`/scim/v2/Groups/${groupId}`);
  await idp.dispose();
  await mia.context().close();
});

// A member provisioned by SCIM has no password: the email from the outbox (real SMTP, the sink)
// carries a single-use link; they choose a password, land signed in, and can sign in again.
const sinkUrl = `http://127.0.0.1:${Number(process.env.E2E_SMTP_PORT ?? 2525) + 1}`;

test("a SCIM-provisioned member sets a password through the emailed link, then signs in with it", async ({ page, browser, playwright, baseURL }, testInfo) => {
  test.slow();
  const suffix = randomBytes(3).toString("hex");
  const email = `provisioned+${suffix}@acme.test`;
  const created = await admin.post("/api/v1/scim-tokens", { data: { name: `Entra ${suffix}` } });
  expect(created.status(), await created.text()).toBe(201);
  const idp = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${(await created.json()).token}`, "content-type": SCIM_TYPE } });
  const user = await idp.post("/scim/v2/Users", {
    data: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: email, name: { givenName: "Pia", familyName: "Provisioned" }, emails: [{ value: email, primary: true }], active: true },
  });
  expect(user.status(), await user.text()).toBe(201);

  // The email arrives through the outbox.
  const sink = await playwright.request.newContext();
  /** The set-password links sent to the member so far, oldest first (waits for the `count`th). */
  async function linksSent(count: number): Promise<string[]> {
    let links: string[] = [];
    await expect
      .poll(async () => {
        const all: { to: string[]; subject: string; text: string }[] = await (await sink.get(`${sinkUrl}/messages`)).json();
        const mine = all.filter((m) => m.to.includes(email) && m.subject === "Set your password for Acme on poc-manager");
        links = mine.map((m) => m.text.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)?.[0] ?? "");
        return links.filter(Boolean).length;
      }, { timeout: 20_000, message: `set-password email ${count} to ${email}` })
      .toBe(count);
    return links;
  }
  const [firstLink] = await linksSent(1);

  // Settings → Members: the admin sees the password is not set and sends a fresh link.
  await signIn(page, "acmeAdmin");
  await page.goto("/settings/members");
  const row = page.getByRole("row", { name: /Pia Provisioned/ });
  await expect(row.getByText("Password not set yet")).toBeVisible();
  await row.getByRole("button", { name: "Send password link to Pia Provisioned" }).click();
  await expect(row.getByRole("status").filter({ hasText: "Link sent." })).toBeVisible();
  expect((await new AxeBuilder({ page }).include("table").analyze()).violations).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("members-awaiting-password-1280.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath("members-awaiting-password-390.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  const [, link] = await linksSent(2);
  await sink.dispose();
  // The newer link replaced the first.
  expect((await page.request.get(firstLink!, { maxRedirects: 0 })).status()).toBe(410);

  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(link!);
  await expect(visitor.getByRole("heading", { level: 1, name: "Set your password" })).toBeVisible();
  await expect(visitor.getByText("added", { exact: false })).toContainText("Acme");
  await expect(visitor.getByLabel("Email")).toHaveValue(email);
  await expect(visitor.getByLabel("Your name")).toHaveValue("Pia Provisioned");
  expect((await new AxeBuilder({ page: visitor }).analyze()).violations).toEqual([]);
  await visitor.setViewportSize({ width: 1280, height: 900 });
  await visitor.screenshot({ path: testInfo.outputPath("set-password-1280.png"), fullPage: true });
  await visitor.setViewportSize({ width: 390, height: 844 });
  await visitor.screenshot({ path: testInfo.outputPath("set-password-390.png"), fullPage: true });
  await visitor.setViewportSize({ width: 1280, height: 900 });

  await visitor.getByLabel("Choose a password").fill("short");
  await visitor.getByRole("button", { name: "Set password" }).click();
  await expect(visitor.getByText("At least 10 characters", { exact: true })).toBeVisible();
  await visitor.getByLabel("Choose a password").fill("pia-chose-this-password");
  await visitor.getByRole("button", { name: "Set password" }).click();
  // Signed in as a member of Acme: the organisation's POC list.
  await expect(visitor).toHaveURL(/\/pocs$/);
  await expect(visitor.getByRole("heading", { level: 1, name: "POCs" })).toBeVisible();

  // The link worked once.
  const again = await visitor.goto(link!);
  expect(again!.status()).toBe(410);
  await expect(visitor.getByRole("heading", { name: "This link has already been used" })).toBeVisible();
  await context.close();

  // The admin's list no longer offers a link; a fresh browser signs in with the chosen password.
  await page.reload();
  await expect(page.getByRole("row", { name: /Pia Provisioned/ }).getByText("Password not set yet")).toHaveCount(0);
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("pia-chose-this-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/pocs$/);

  await idp.delete(`/scim/v2/Users/${(await user.json()).id}`);
  await idp.dispose();
});
