/**
 * The one Share dialog (issue 17, Sharing): its layout at desktop and phone sizes, protecting
 * a link before it exists, several people at once with a note in their email, re-share
 * defaults, link history and access requests, and what closing mid-share does.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { freshLink, signIn, signedInApi } from "../helpers";
import { createPoc, openAs, openShareDialog, uniqueTitle } from "./share-helpers";

const sinkUrl = `http://127.0.0.1:${Number(process.env.E2E_SMTP_PORT ?? 2525) + 1}`;
type SinkMessage = { to: string[]; subject: string; text: string };

async function expectNoSeriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).include("dialog").withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** The dialog fits the window and its Done button is on screen, whatever the content. */
async function expectFitsWindow(page: Page, dialog: Locator) {
  const viewport = page.viewportSize()!;
  const box = (await dialog.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  const done = (await dialog.getByRole("button", { name: "Done" }).boundingBox())!;
  expect(done.y + done.height).toBeLessThanOrEqual(viewport.height);
  expect(done.y).toBeGreaterThan(0);
}

async function sinkMessage(request: APIRequestContext, email: string, title: string): Promise<SinkMessage> {
  let found: SinkMessage | undefined;
  await expect
    .poll(async () => {
      const all: SinkMessage[] = await (await request.get(`${sinkUrl}/messages`)).json();
      found = all.find((m) => m.to.includes(email) && m.subject.includes(title));
      return found ? "arrived" : "waiting";
    }, { timeout: 20_000, message: `email to ${email}` })
    .toBe("arrived");
  return found!;
}

test("one dialog: owner in Who has access, × and Done, focus in the email field, fits 1280×720 and 390×700, no serious axe issue", async ({ page, playwright, baseURL }) => {
  test.slow(); // two viewports, two scans
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Share dialog layout");
  await freshLink(admin, poc.id, { password: "layout-pass-1" });
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, "acmeAdmin");
  const dialog = await openShareDialog(page, poc.id);
  await expect(dialog.getByRole("combobox", { name: "Email addresses" })).toBeFocused();
  await expect(dialog.getByRole("listitem", { name: "Alice Admin (admin@acme.test), owner" })).toContainText("Full access");
  const general = dialog.getByRole("region", { name: "General access" });
  await expect(general.getByRole("region", { name: "Public link", exact: true }).getByLabel("Share link")).toHaveValue(/\/share\//);
  await expect(general.getByRole("region", { name: "Embed", exact: true })).toBeVisible();
  // People come before General access in the dialog.
  const peopleBox = (await dialog.getByRole("tabpanel", { name: "People" }).boundingBox())!;
  const generalBox = (await general.boundingBox())!;
  expect(peopleBox.y).toBeLessThan(generalBox.y);
  await expectFitsWindow(page, dialog);
  await page.screenshot({ path: test.info().outputPath("share-dialog-1280.png") });
  await expectNoSeriousAxeViolations(page);
  await general.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("share-dialog-general-1280.png") });

  await page.setViewportSize({ width: 390, height: 700 });
  await expectFitsWindow(page, dialog);
  await page.screenshot({ path: test.info().outputPath("share-dialog-390.png") });
  await dialog.getByRole("combobox", { name: "Email addresses" }).fill("m");
  await expect(dialog.getByRole("listbox", { name: "Members" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("share-dialog-suggestions-390.png") });
  await expectNoSeriousAxeViolations(page);
  await dialog.getByRole("combobox", { name: "Email addresses" }).press("Escape");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("tab", { name: "Roles" }).click();
  await expectNoSeriousAxeViolations(page);

  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Share", exact: true })).toBeFocused();
  await admin.dispose();
});

test("protect before publishing: password, expiry, watermark and actions go into the link's first request", async ({ page, browser, playwright, baseURL }) => {
  test.slow(); // a refused and an accepted create, then a visitor
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Share dialog protected link");
  await signIn(page, "acmeAdmin");
  const dialog = await openShareDialog(page, poc.id);
  const link = dialog.getByRole("region", { name: "Public link", exact: true });
  await link.getByRole("button", { name: "Create a public link" }).click();
  // View is always on: focus starts on the first choice there is.
  await expect(link.getByRole("checkbox", { name: "Download" })).toBeFocused();
  await link.getByRole("checkbox", { name: "Download" }).check();
  await link.getByLabel("Password (optional)").fill("short");
  await link.getByLabel("Link expiry").selectOption({ label: "In 7 days" });
  await link.getByLabel(/Watermark/).check();
  await link.getByLabel("I understand").check();
  await link.getByRole("button", { name: "Create link" }).click();
  // The server's rule shows under the field; nothing was created meanwhile.
  await expect(link.getByText("At least 8 characters", { exact: true })).toBeVisible();
  expect((await admin.get(`/api/v1/pocs/${poc.id}/public-link`)).status()).toBe(404);
  await link.getByLabel("Password (optional)").fill("guarded-pass-42");
  await link.getByRole("button", { name: "Create link" }).click();
  const url = await link.getByLabel("Share link").inputValue();
  expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
  await expect(link.getByText(/^Expires in (7 days|6 days|167 hours)$/)).toBeVisible();

  const grants = (await (await admin.get(`/api/v1/sharing/grants?subject_type=poc&subject_id=${poc.id}`)).json()).data;
  const created = grants.find((g: { principal_type: string }) => g.principal_type === "link");
  expect(created).toMatchObject({ has_password: true, watermark: true, actions: ["view", "download"] });
  expect((new Date(created.expires_at).getTime() - Date.now()) / 86_400_000).toBeGreaterThan(6.9);

  const visitor = await (await browser.newContext()).newPage();
  const res = await visitor.goto(url);
  expect(res!.status()).toBe(401);
  await expect(visitor.getByRole("heading", { name: "This link is protected" })).toBeVisible();
  await visitor.context().close();
  await admin.dispose();
});

test("several people at once: pick a member by name from the list, paste emails, one note in their email", async ({ page, playwright, baseURL }) => {
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Share dialog several");
  const sink = await playwright.request.newContext();
  const tag = Date.now().toString(36);
  const [first, second] = [`ana+${tag}@outside.example`, `ben+${tag}@outside.example`];
  await signIn(page, "acmeAdmin");
  const dialog = await openShareDialog(page, poc.id);
  const people = dialog.getByRole("tabpanel", { name: "People" });
  const field = people.getByRole("combobox", { name: "Email addresses" });

  // Suggestions by name, from the keyboard (an ARIA listbox, not a datalist).
  await field.fill("mia");
  const list = people.getByRole("listbox", { name: "Members" });
  await expect(list.getByRole("option", { name: /Mia Member/ })).toBeVisible();
  await expect(list.getByRole("option", { name: /Mia Member/ })).toContainText("mia@acme.test");
  await expect(field).toHaveAttribute("aria-expanded", "true");
  await field.press("ArrowDown");
  await expect(field).toHaveAttribute("aria-activedescendant", /option/);
  await field.press("Enter");
  await expect(people.getByRole("list", { name: "Recipients" })).toContainText("Mia Member (mia@acme.test)");
  await expect(people.locator("datalist")).toHaveCount(0);

  // A pasted list becomes one chip per address.
  await field.focus();
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    document.activeElement!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, `${first}, ${second}`);
  const chips = people.getByRole("list", { name: "Recipients" }).getByRole("listitem");
  await expect(chips).toHaveCount(3);
  await people.getByLabel("Message (optional)").fill("Please review the success criteria before Friday.");
  await people.getByRole("button", { name: "Share", exact: true }).click();
  const status = people.getByRole("status");
  await expect(status).toContainText("Shared with Mia Member (mia@acme.test).");
  await expect(status).toContainText(`Invitation sent to ${first}.`);
  await expect(status).toContainText(`Invitation sent to ${second}.`);
  await expect(chips).toHaveCount(0);
  for (const who of ["Mia Member (mia@acme.test)", first, second]) await expect(dialog.getByRole("listitem", { name: who, exact: true })).toBeVisible();

  // The note is in the invitation, and its subject and first line say the same thing.
  const mail = await sinkMessage(sink, first, poc.title);
  expect(mail.subject).toBe(`Alice Admin invited you to “${poc.title}” on poc-manager`);
  expect(mail.text.split("\n")[0]).toBe(`“Alice Admin” invited you to the proof of concept “${poc.title}” on poc-manager.`);
  expect(mail.text).toContain("“Please review the success criteria before Friday.”");
  const notice = await sinkMessage(sink, "mia@acme.test", poc.title);
  expect(notice.subject).toBe(`Alice Admin shared “${poc.title}” with you`);
  expect(notice.text).toContain("“Please review the success criteria before Friday.”");
  await sink.dispose();
  await admin.dispose();
});

test("re-share defaults to the sharer's own expiry, and a longer one is refused with a readable date", async ({ browser, playwright, baseURL }) => {
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Share dialog reshare expiry");
  const until = new Date(Date.now() + 10 * 86_400_000);
  until.setUTCHours(17, 0, 0, 0);
  const grant = await admin.post("/api/v1/sharing/grants", {
    data: { subject_type: "poc", subject_id: poc.id, principal_type: "user", email: "mark@acme.test", actions: ["view", "share"], expires_at: until.toISOString() },
  });
  expect(grant.status()).toBe(201);

  const page = await openAs(browser, "acmeMark");
  const dialog = await openShareDialog(page, poc.id);
  const people = dialog.getByRole("tabpanel", { name: "People" });
  await expect(people.getByLabel("Expiry", { exact: true })).toHaveValue("custom");
  const local = await page.evaluate((ms) => {
    const d = new Date(ms);
    const p = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, until.getTime());
  await expect(people.getByLabel("Expires at")).toHaveValue(local);
  const readable = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric" }).format(until);
  await expect(people.getByText(/^Your own access ends/)).toContainText(readable);

  // Asking for longer than his own access: the server refuses, with a date people read.
  await people.getByLabel("Expiry", { exact: true }).selectOption({ label: "No expiry" });
  await people.getByRole("combobox", { name: "Email addresses" }).fill("mia@acme.test");
  await people.getByRole("button", { name: "Share", exact: true }).click();
  const alert = people.getByRole("alert");
  await expect(alert).toContainText("no later than your own access");
  await expect(alert).toContainText(new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" }).format(until));
  await expect(alert).not.toContainText(/\d{4}-\d{2}-\d{2}T/);
  // The default works.
  await people.getByLabel("Expiry", { exact: true }).selectOption({ label: "Custom date and time" });
  await people.getByLabel("Expires at").fill(local);
  await expect(people.getByRole("button", { name: "Retry" })).toHaveCount(0);
  await people.getByRole("button", { name: "Share", exact: true }).click();
  await expect(people.getByRole("status")).toHaveText("Shared with Mia Member (mia@acme.test).");
  await page.context().close();
  await admin.dispose();
});

test("ended links stay in the history; a request from the dead link's page is approved in the dialog", async ({ page, browser, playwright, baseURL }) => {
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Share dialog history");
  const link = await freshLink(admin, poc.id);
  expect((await admin.delete(`/api/v1/pocs/${poc.id}/public-link`)).status()).toBe(204);
  const requester = `req+${Date.now().toString(36)}@customer.example`;

  // The revoked link's page: 403, the message, and the Request access form (with the app's favicon).
  const visitor = await (await browser.newContext()).newPage();
  expect((await visitor.goto(link.url))!.status()).toBe(403);
  await expect(visitor.locator('link[rel="icon"]')).toHaveCount(1);
  const form = visitor.getByRole("form", { name: "Request access" });
  await visitor.setViewportSize({ width: 390, height: 844 });
  await visitor.screenshot({ path: test.info().outputPath("request-access-form-390.png"), fullPage: true });
  const scan = await new AxeBuilder({ page: visitor }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(scan.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await form.getByLabel("Your name").fill("Riley Requester");
  await form.getByLabel("Your email").fill(requester);
  await form.getByLabel("Message (optional)").fill("We lost the link before the review.");
  await form.getByRole("button", { name: "Request access" }).click();
  await visitor.screenshot({ path: test.info().outputPath("request-access-sent-390.png") });
  await expect(visitor.getByRole("status")).toContainText("Request sent.");
  await expect(visitor.getByRole("status")).toBeFocused();
  // An unknown link names no POC: no form there, and a 404.
  expect((await visitor.goto(`/share/${"z".repeat(43)}`))!.status()).toBe(404);
  await expect(visitor.getByRole("form", { name: "Request access" })).toHaveCount(0);
  await expect(visitor.locator('link[rel="icon"]')).toHaveCount(1);
  // A made-up invitation is not a page that works: 404.
  expect((await visitor.goto(`/invite/${"q".repeat(43)}`))!.status()).toBe(404);
  await visitor.context().close();

  await signIn(page, "acmeAdmin");
  const dialog = await openShareDialog(page, poc.id);
  const history = dialog.getByRole("list", { name: "Earlier links" });
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await expect(history).toContainText(/Revoked [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M by Alice Admin/);
  await expect(dialog.getByRole("button", { name: "Create a new link" })).toBeVisible();

  const requests = dialog.getByRole("region", { name: /Access requests/ });
  const request = requests.getByRole("listitem", { name: `Request from Riley Requester (${requester})` });
  await expect(request).toContainText("“We lost the link before the review.”");
  await request.getByRole("button", { name: `Approve: share with Riley Requester (${requester})` }).click();
  await expect(requests).toHaveCount(0);
  await expect(dialog.getByRole("listitem", { name: requester, exact: true })).toContainText("Invited (pending)");
  await expect(dialog.getByRole("heading", { name: "Who has access" })).toBeFocused();
  await admin.dispose();
});

test("closing mid-share waits with Sharing… and closes once it went through; a failure shows an inline retry", async ({ page, playwright, baseURL }) => {
  test.slow(); // three round trips through the dialog, two of them held
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, uniqueTitle("Share dialog in flight"));
  await signIn(page, "acmeAdmin");
  const dialog = await openShareDialog(page, poc.id);
  const people = dialog.getByRole("tabpanel", { name: "People" });

  // Hold the request until the test lets it go.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/v1/sharing/grants", async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    await held;
    await route.fallback();
  });
  await people.getByRole("combobox", { name: "Email addresses" }).fill("mark@acme.test");
  await people.getByRole("button", { name: "Share", exact: true }).click();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Sharing…" })).toBeVisible();
  await expect(dialog.getByText("Sharing… the dialog closes when it is done.")).toBeVisible();
  release();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  const grants = (await (await admin.get(`/api/v1/sharing/grants?subject_type=poc&subject_id=${poc.id}`)).json()).data;
  expect(grants.map((g: { principal: { email: string } }) => g.principal.email)).toContain("mark@acme.test");
  await page.unroute("**/api/v1/sharing/grants");

  // A failure after Done: the dialog stays, says who was not shared with, and Retry sends it again.
  let failNow: () => void = () => {};
  const failing = new Promise<void>((resolve) => (failNow = resolve));
  await page.route("**/api/v1/sharing/grants", async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    await failing;
    await route.abort("failed");
  });
  const again = await openShareDialog(page, poc.id);
  const form = again.getByRole("tabpanel", { name: "People" });
  await form.getByRole("combobox", { name: "Email addresses" }).fill("mia@acme.test");
  await form.getByRole("button", { name: "Share", exact: true }).click();
  await again.getByRole("button", { name: "Done" }).click();
  await expect(again.getByRole("button", { name: "Sharing…" })).toBeVisible();
  failNow();
  await expect(form.getByRole("alert")).toContainText("mia@acme.test");
  await expect(form.getByRole("alert")).toContainText("Could not reach the server");
  await expect(again.getByText("Not everything was shared: see the message above.")).toBeVisible();
  await expect(again).toBeVisible();
  await page.unroute("**/api/v1/sharing/grants");
  await form.getByRole("button", { name: "Retry" }).click();
  await expect(form.getByRole("status")).toHaveText("Shared with Mia Member (mia@acme.test).");
  await expect(again.getByRole("listitem", { name: "Mia Member (mia@acme.test)" })).toBeVisible();

  // Revoking moves focus to the list's heading, not the page's body.
  const row = again.getByRole("listitem", { name: "Mia Member (mia@acme.test)" });
  await row.getByRole("button", { name: "Revoke access for Mia Member (mia@acme.test)" }).click();
  await page.getByRole("dialog", { name: "Revoke access?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(row).toHaveCount(0);
  await expect(again.getByRole("heading", { name: "Who has access" })).toBeFocused();
  await admin.dispose();
});
