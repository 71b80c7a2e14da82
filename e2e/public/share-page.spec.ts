import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { freshLink, signIn, signedInApi } from "../helpers";
import { createPoc } from "../ui/share-helpers";

// The share page as a guest sees it, against the member's page of the same POC.
let admin: APIRequestContext;
test.beforeAll(async ({ playwright, baseURL }) => {
  admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
});
test.afterAll(async () => admin.dispose());

const SHARE_HEADERS = { "referrer-policy": "no-referrer", "x-robots-tag": "noindex, nofollow", "cache-control": "private, no-store" };

function expectShareHeaders(headers: Record<string, string>, what: string) {
  for (const [name, value] of Object.entries(SHARE_HEADERS)) expect(headers[name], `${what}: ${name}`).toBe(value);
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
}

/** A POC with one task of each status, one of them overdue, and two criteria. */
async function pocWithEveryStatus(): Promise<{ id: string; title: string }> {
  const poc = await createPoc(admin, "Share view parity");
  const group = await (await admin.post(`/api/v1/pocs/${poc.id}/task-groups`, { data: { name: "Rollout" } })).json();
  const tasks = [
    { title: "Sign the data processing agreement with the customer's legal team", status: "done", due_date: "2026-01-05" },
    { title: "Connect the staging tenant", status: "in_progress", due_date: "2026-01-10" },
    { title: "Load test", status: "blocked", due_date: "2099-12-31" },
    { title: "Executive readout", status: "todo", due_date: null },
  ];
  for (const t of tasks) expect((await admin.post(`/api/v1/pocs/${poc.id}/tasks`, { data: { group_id: group.id, ...t } })).status()).toBe(201);
  for (const description of ["Single sign-on works for every pilot user", "p95 latency under 2 s"]) {
    expect((await admin.post(`/api/v1/pocs/${poc.id}/success-criteria`, { data: { description } })).status()).toBe(201);
  }
  return poc;
}

/** What both views must agree on: status colours, Overdue tags, progress counts. */
async function viewFacts(page: Page) {
  const colour = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor);
  return {
    inProgress: await colour(".badge-task-in_progress"),
    blocked: await colour(".badge-task-blocked"),
    done: await colour(".badge-task-done"),
    poc: await colour(".detail-subtitle .badge"),
    overdue: await page.getByText("Overdue", { exact: true }).count(),
    progress: await page.getByRole("definition").filter({ hasText: / of \d+ (done|met)$/ }).allTextContents(),
  };
}

/** Elements wider than the card they sit in, or pushing the page sideways. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth}px`);
    for (const card of document.querySelectorAll<HTMLElement>(".card")) {
      const box = card.getBoundingClientRect();
      for (const el of card.querySelectorAll<HTMLElement>("*")) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || getComputedStyle(el).position === "fixed") continue;
        if (r.left < box.left - 1 || r.right > box.right + 1) problems.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent?.slice(0, 30)}" ${Math.round(r.left)}-${Math.round(r.right)} outside ${Math.round(box.left)}-${Math.round(box.right)}`);
      }
    }
    return problems;
  });
}

test("a guest passes the password and email gates and sees the member's components, at 1280 and 390 px", async ({ browser }, testInfo) => {
  const poc = await pocWithEveryStatus();
  const link = await freshLink(admin, poc.id, { password: "parity-pass-1", watermark: true, actions: ["view", "comment", "download"] });

  const guest = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await guest.goto(link.url);
  await guest.getByLabel("Password").fill("parity-pass-1");
  await guest.getByRole("button", { name: "View" }).click();
  await expect(guest.getByRole("heading", { name: "Who is viewing?" })).toBeVisible();
  await guest.getByLabel("Email address").fill("guest@customer.example");
  await guest.getByRole("button", { name: "Continue" }).click();
  await expect(guest.getByRole("heading", { level: 1, name: poc.title })).toBeVisible();
  // Branding: the organisation and who shared it.
  await expect(guest.locator(".app-header")).toContainText("Acme");
  await expect(guest.getByText(/^Shared by Alice Admin on /)).toBeVisible();
  await expect(guest.locator("[data-watermark]")).toHaveAttribute("data-watermark", "guest@customer.example");
  await expect(guest.getByRole("link", { name: "Download CSV" })).toBeVisible();

  const member = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(member, "acmeAdmin");
  await member.goto(`/pocs/${poc.id}`);
  await expect(member.getByRole("heading", { level: 1, name: poc.title })).toBeVisible();

  const guestFacts = await viewFacts(guest);
  expect(guestFacts.overdue).toBe(1);
  expect(guestFacts.progress).toEqual(["1 of 4 done", "0 of 2 met"]);
  // The admin edits task statuses in selects; the badges they still see are compared here, and
  // the next test compares every badge with a read-only member's.
  const memberPoc = await member.locator(".detail-subtitle .badge").first().evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(guestFacts.poc).toBe(memberPoc);
  expect(await member.getByText("Overdue", { exact: true }).count()).toBe(1);
  expect(await member.getByRole("definition").filter({ hasText: / of \d+ (done|met)$/ }).allTextContents()).toEqual(guestFacts.progress);
  await guest.screenshot({ path: testInfo.outputPath("share-1280.png"), fullPage: true });
  await member.screenshot({ path: testInfo.outputPath("member-1280.png"), fullPage: true });

  await guest.setViewportSize({ width: 390, height: 844 });
  await member.setViewportSize({ width: 390, height: 844 });
  await guest.reload();
  await expect(guest.getByRole("heading", { level: 1, name: poc.title })).toBeVisible();
  expect(await overflowing(guest)).toEqual([]);
  expect(await overflowing(member)).toEqual([]);
  // Dates stay on one line.
  const due = guest.getByText("Jan 10, 2026", { exact: true });
  const { height } = (await due.boundingBox())!;
  const lineHeight = await due.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  expect(height).toBeLessThan(lineHeight * 1.5);
  await guest.screenshot({ path: testInfo.outputPath("share-390.png"), fullPage: true });
  await member.screenshot({ path: testInfo.outputPath("member-390.png"), fullPage: true });
  await guest.context().close();
  await member.context().close();
});

test("a read-only member sees the same status colours as the guest", async ({ browser }) => {
  const poc = await pocWithEveryStatus();
  const link = await freshLink(admin, poc.id);
  const grant = await admin.post("/api/v1/sharing/grants", { data: { subject_type: "poc", subject_id: poc.id, principal_type: "role", principal_id: "executive", actions: ["view"] } });
  expect(grant.status()).toBe(201);
  const guest = await (await browser.newContext()).newPage();
  await guest.goto(link.url);
  const exec = await (await browser.newContext()).newPage();
  await signIn(exec, "acmeExec");
  await exec.goto(`/pocs/${poc.id}`);
  await expect(exec.getByRole("heading", { level: 1, name: poc.title })).toBeVisible();
  expect(await viewFacts(exec)).toEqual(await viewFacts(guest));
  await guest.context().close();
  await exec.context().close();
});

test("the gates work without JavaScript", async ({ browser }) => {
  const poc = await createPoc(admin, "Share no-script", { task: "Kick-off" });
  const link = await freshLink(admin, poc.id, { password: "no-script-pass", watermark: true });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const gate = await page.goto(link.url);
  expect(gate!.status()).toBe(401);
  await page.getByLabel("Password").fill("wrong-one");
  const [wrong] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "View" }).click()]);
  expect(wrong.status()).toBe(401);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("That password is not correct. Try again.");
  await page.getByLabel("Password").fill("no-script-pass");
  await page.getByRole("button", { name: "View" }).click();
  await expect(page.getByRole("heading", { name: "Who is viewing?" })).toBeVisible();
  await page.getByLabel("Email address").fill("dana@intranet");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Enter a valid email address");
  await page.getByLabel("Email address").fill("noscript@customer.example");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: poc.title })).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === "pm_share")!;
  expect(cookie).toMatchObject({ path: new URL(link.url).pathname, httpOnly: true, sameSite: "Lax" });
  await context.close();
});

test("the HTML and the React payload carry only what the page shows: no ids, no member emails", async ({ request }) => {
  const poc = await pocWithEveryStatus();
  const link = await freshLink(admin, poc.id, { actions: ["view", "download"] });
  const detail = await (await admin.get(`/api/v1/pocs/${poc.id}`)).json();
  const html = await (await request.get(link.url)).text();
  const rsc = await request.get(link.url, { headers: { rsc: "1" } });
  expect(rsc.headers()["content-type"]).toContain("text/x-component");
  const payload = await rsc.text();
  expect(payload).toContain(poc.title);
  for (const [what, body] of [["html", html], ["rsc", payload]] as const) {
    expect(body, what).not.toContain(link.id);
    expect(body, what).not.toContain(poc.id);
    expect(body, what).not.toContain(detail.tenant_id);
    expect(body, what).not.toMatch(/@acme\.test/);
    // No uuid at all: tasks, groups and criteria are anonymous in the public view.
    expect(body.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g), what).toBeNull();
  }
  expectShareHeaders(rsc.headers(), "rsc");
});

test("every response reachable through a token carries the share headers: redirects, error pages, gates", async ({ request }) => {
  const poc = await createPoc(admin, "Share headers", { task: "Kick-off" });
  const link = await freshLink(admin, poc.id, { password: "headers-pass-1" });
  const cases: [string, number][] = [
    [`/share/${link.token}/`, 308],
    [`/api/v1/public/pocs/${link.token}/`, 308],
    [`/share/${link.token}`, 401],
    [`/share/${link.token}/no-such-page`, 404],
    [`/share/${"A".repeat(43)}`, 404],
    ["/share", 404],
    [`/api/v1/public/pocs/${link.token}`, 401],
  ];
  for (const [path, status] of cases) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(status);
    expectShareHeaders(res.headers(), path);
  }
});

test("a share-page form body over the limit is refused with 413 before it is read whole", async ({ request }) => {
  const poc = await createPoc(admin, "Share body limit", { task: "Kick-off" });
  const link = await freshLink(admin, poc.id, { actions: ["view", "comment"] });
  const page = await (await request.get(link.url)).text();
  // The comment form's server action: its id is in the form's hidden fields.
  const actionId = /\$ACTION_ID_([0-9a-f]{16,})|&quot;id&quot;:&quot;([0-9a-f]{16,})&quot;/.exec(page)?.slice(1).find(Boolean);
  expect(actionId).toBeTruthy();
  const res = await request.post(link.url, {
    headers: { origin: new URL(link.url).origin, "next-action": actionId!, "content-type": "text/plain;charset=UTF-8" },
    data: `["${"y".repeat(300 * 1024)}"]`,
  });
  expect(res.status()).toBe(413);
  expectShareHeaders(res.headers(), "413");
});
