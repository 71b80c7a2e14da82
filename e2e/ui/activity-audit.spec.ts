/**
 * Issue 16: link activity (who viewed what), the audit log page with its diff, chain
 * verification and CSV export, and that members and executives never see the log.
 */
import AxeBuilder from "@axe-core/playwright";
import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { freshLink, signIn, signedInApi } from "../helpers";
import { createPoc, openAs, openPublicLink, openShareDialog } from "./share-helpers";

const shots = (name: string) => `${process.env.E2E_DATA_DIR ?? ".data/e2e"}/screenshots/${name}.png`;

async function screenshots(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: shots(`${name}-${width}`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** axe over `scope` (what this issue added), WCAG 2 A and AA. */
async function expectNoAxeViolations(page: Page, scope?: string) {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]);
  const results = await (scope ? builder.include(scope) : builder).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** A grant's view count, through the API (page views are written in 100 ms batches: poll it, no timer). */
const viewCount = async (api: APIRequestContext, grantId: string): Promise<number> => (await (await api.get(`/api/v1/sharing/grants/${grantId}/views`)).json()).summary.views;

/** Opens the Activity panel inside `scope` and lists its views (the header row first). */
async function showViews(scope: Locator, label: string) {
  const activity = scope.getByRole("region", { name: "Activity" });
  await activity.getByRole("button", { name: "Show views" }).click();
  return { activity, rows: activity.getByRole("table", { name: `Views of ${label}` }).getByRole("row") };
}

test("a guest's two views of a watermarked link show in its activity; the audit log shows the grant's creation and update with the diff, verifies, and exports", async ({ page, browser, playwright, baseURL }) => {
  test.slow(); // a guest's visits, the Share dialog, the audit log, two widths and their scans
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Activity watermark");
  const link = await freshLink(admin, poc.id, { watermark: true });
  expect((await admin.patch(`/api/v1/sharing/grants/${link.id}`, { data: { actions: ["view", "download"] } })).status()).toBe(200);

  // The guest: the email gate, the page, then the page again.
  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  await guest.goto(link.url);
  await guest.getByLabel("Email address").fill("pat@customer.example");
  await guest.getByRole("button", { name: "Continue" }).click();
  await expect(guest.getByRole("heading", { level: 1, name: poc.title })).toBeVisible();
  await guest.reload();
  await expect(guest.getByRole("heading", { level: 1, name: poc.title })).toBeVisible();
  await visitor.close();
  await expect.poll(() => viewCount(admin, link.id)).toBe(2);

  await signIn(page, "acmeAdmin");
  const dialog = await openPublicLink(page, poc.id);
  const { activity, rows } = await showViews(dialog, "this link");
  await expect(activity.getByTestId("activity-summary")).toContainText("2 views · 1 unique viewer · last viewed");
  await expect(rows).toHaveCount(4); // header, 2 views, the gate entry
  await expect(rows.nth(1)).toContainText("pat@customer.example");
  await expect(rows.nth(1)).toContainText("Viewed the POC");
  await expect(rows.nth(3)).toContainText("Gave their email at the watermark gate");
  await expect(activity.getByLabel("Email its creator about views")).toHaveValue("off");
  await screenshots(page, "activity-manage-link");
  await expectNoAxeViolations(page, '[data-testid="activity-panel"]');
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();

  // The audit log, filtered to this POC: the link's creation and its update, as a diff.
  await page.goto("/settings/audit-log");
  await page.getByLabel("POC").selectOption({ label: poc.title });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`poc=${poc.id}`));
  const events = page.getByRole("table", { name: "Audit events" });
  const updated = events.locator('tr[data-action="grant.updated"]');
  await expect(updated).toHaveCount(1);
  await expect(events.locator('tr[data-action="grant.created"]')).toHaveCount(1);
  await expect(updated).toContainText("Alice Admin");
  const change = updated.getByRole("table", { name: "Changes" }).getByRole("row").filter({ hasText: /^actions/ });
  await expect(change.getByRole("cell").nth(0)).toHaveText("view");
  await expect(change.getByRole("cell").nth(1)).toHaveText("view, download");
  await expect(events.getByRole("link", { name: poc.title }).first()).toHaveAttribute("href", `/pocs/${poc.id}`);

  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Chain intact" })).toContainText(/✓ Chain intact: \d+ events verified/);
  await screenshots(page, "audit-log");
  await expectNoAxeViolations(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trim().split("\n");
  expect(lines[0]).toBe("id,created_at,actor_type,actor_id,actor_name,action,subject_type,subject_id,poc_id,poc_title,ip,payload,chain_seq,prev_hash,hash,record");
  expect(lines).toHaveLength(3); // the filter applies: this POC's two events
  expect(lines[1]).toContain("grant.updated");
  expect(lines[2]).toContain("grant.created");
  await admin.dispose();
});

test("a member's view of a POC shared with them shows in that grant's activity, with their name and email", async ({ page, browser, playwright, baseURL }) => {
  test.slow(); // two browsers and the Share dialog
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Activity member view");
  const shared = await admin.post("/api/v1/sharing/grants", { data: { subject_type: "poc", subject_id: poc.id, principal_type: "user", email: "mia@acme.test", actions: ["view", "comment"] } });
  expect(shared.status(), await shared.text()).toBe(201);
  const grant = (await shared.json()) as { id: string };

  const mia = await openAs(browser, "acmeMia", poc.id);
  await expect(mia.getByRole("heading", { level: 1, name: poc.title })).toBeVisible();
  // Her comment re-renders the page (a server action): not a second view.
  const comments = mia.getByRole("region", { name: "Comments" });
  await comments.getByLabel("Comment", { exact: true }).fill("Seen it, thanks");
  await comments.getByRole("button", { name: "Post comment" }).click();
  await expect(comments.getByText("Seen it, thanks")).toBeVisible();
  await mia.context().close();
  await expect.poll(() => viewCount(admin, grant.id)).toBe(1);

  await signIn(page, "acmeAdmin");
  const dialog = await openShareDialog(page, poc.id);
  const row = dialog.getByRole("listitem", { name: "Mia Member (mia@acme.test)" });
  await expect(row.getByTestId("activity-summary")).toContainText("1 view · 1 unique viewer · last viewed");
  await row.getByRole("button", { name: "Edit access for Mia Member (mia@acme.test)" }).click();
  const { rows } = await showViews(row, "Mia Member (mia@acme.test)");
  await expect(rows).toHaveCount(2); // header and the one view (her comment's re-render and the admin's visit are none)
  await expect(rows.nth(1)).toContainText("Mia Member (mia@acme.test)");
  await expect(rows.nth(1)).toContainText("Viewed the POC");
  await admin.dispose();
});

test("Settings → Shared links keeps revoked links, with who revoked them and their views", async ({ page, playwright, baseURL }) => {
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const poc = await createPoc(admin, "Activity revoked");
  const link = await freshLink(admin, poc.id);
  expect((await admin.delete(`/api/v1/sharing/grants/${link.id}`)).status()).toBe(204);
  await signIn(page, "acmeAdmin");
  await page.goto("/settings/shared-links");
  await expect(page.getByRole("row").filter({ hasText: poc.title })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Filter links by state" }).getByRole("link", { name: "Revoked" }).click();
  await expect(page.getByRole("heading", { name: "Revoked links" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: poc.title });
  await expect(row).toContainText("Revoked");
  await expect(row).toContainText("by Alice Admin");
  await expect(row).toContainText("0 views");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  await screenshots(page, "shared-links-revoked");
  await admin.dispose();
});

for (const user of ["acmeMark", "acmeExec"] as const) {
  test(`${user} gets 403 on the audit API and does not see the audit page`, async ({ page, playwright, baseURL }) => {
    const api = await signedInApi(playwright, baseURL!, user);
    for (const path of ["/api/v1/audit-events", "/api/v1/audit-events/verify", "/api/v1/audit-events/export.csv"]) {
      const res = await api.get(path);
      expect(res.status()).toBe(403);
      expect((await res.json()).code).toBe("auth/forbidden");
    }
    await signIn(page, user);
    await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
    await page.goto("/settings/audit-log");
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Audit events" })).toHaveCount(0);
    await api.dispose();
  });
}
