/**
 * The POC list (issue 17): the Status, Owner and Sort selects put the query in the URL and
 * order the cards; each card shows its criteria progress; the list comes in pages linked by a
 * cursor in the URL (no script needed), and a bad cursor shows the first page with a message.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn, signedInApi } from "../helpers";

async function created(api: APIRequestContext, path: string, data: object): Promise<string> {
  const res = await api.post(path, { data });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id;
}

test("status, owner and sort in the URL order the cards; progress shows; pages follow a cursor link", async ({ page, playwright, baseURL }, testInfo) => {
  // This test's own POCs, found by a word of their own (other specs add POCs meanwhile).
  const word = `Wombat${Date.now()}`;
  const admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const alpha = await created(admin, "/api/v1/pocs", { title: `${word} Alpha`, customer: "Alpha Co", status: "active", end_date: "2027-03-01" });
  await created(admin, "/api/v1/pocs", { title: `${word} bravo`, customer: "Bravo Co", status: "draft", end_date: "2027-01-15" });
  await created(admin, "/api/v1/pocs", { title: `${word} Charlie`, customer: "Charlie Co", status: "active" });
  await created(admin, `/api/v1/pocs/${alpha}/success-criteria`, { description: "Single sign-on works", status: "met" });
  await created(admin, `/api/v1/pocs/${alpha}/success-criteria`, { description: "Under 200 ms", status: "pending" });
  await admin.dispose();
  const mark = await signedInApi(playwright, baseURL!, "acmeMark");
  await created(mark, "/api/v1/pocs", { title: `${word} Delta`, customer: "Delta Co", status: "active", end_date: "2026-12-20" });
  await mark.dispose();

  await signIn(page, "acmeAdmin");
  await page.goto(`/pocs?q=${word}`);
  const cards = page.getByRole("list", { name: "POCs" }).getByRole("listitem");
  const titles = () => cards.getByRole("heading", { level: 2 });
  await expect(cards).toHaveCount(4);

  await page.getByLabel("Status").selectOption({ label: "Active" });
  await page.getByLabel("Sort by").selectOption({ label: "Title (A–Z)" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`/pocs\\?q=${word}&status=active&owner=&sort=title$`));
  await expect(titles()).toHaveText([`${word} Alpha`, `${word} Charlie`, `${word} Delta`]);
  // Progress on the card: tasks and criteria.
  await expect(cards.filter({ hasText: `${word} Alpha` })).toContainText("1 of 2 criteria met");
  await expect(cards.filter({ hasText: `${word} Charlie` })).toContainText("no criteria yet");

  await page.getByLabel("Sort by").selectOption({ label: "End date" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]sort=due$/);
  await expect(titles()).toHaveText([`${word} Delta`, `${word} Alpha`, `${word} Charlie`]);

  await page.getByLabel("Status").selectOption({ label: "Any status" });
  await page.getByLabel("Owner").selectOption({ label: "Mark Member" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]status=&owner=[0-9a-f-]{36}&sort=due$/);
  await expect(titles()).toHaveText([`${word} Delta`]);
  await expect(cards.first()).toContainText("Mark Member");

  // Pages of two, A–Z: the next page is a plain link carrying the cursor, the filters and the size.
  await page.goto(`/pocs?q=${word}&sort=title&limit=2`);
  await expect(titles()).toHaveText([`${word} Alpha`, `${word} bravo`]);
  const pager = page.getByRole("navigation", { name: "POC pages" });
  await expect(pager).toContainText("Showing 1–2; more on the next page.");
  await expect(page.getByText("Proofs of concept 1–2 that match")).toBeVisible();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
    await pager.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`poc-list-${width}.png`), fullPage: true });
    await expect(pager.getByRole("link", { name: "Next page →" })).toBeInViewport();
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await pager.getByRole("link", { name: "Next page →" }).click();
  await expect(page).toHaveURL(new RegExp(`/pocs\\?q=${word}&sort=title&limit=2&cursor=pl1\\.`));
  await expect(titles()).toHaveText([`${word} Charlie`, `${word} Delta`]);
  await expect(pager).toContainText("Showing 3–4, the last of them.");
  await expect(pager.getByRole("link", { name: "Next page →" })).toHaveCount(0);
  // Shareable: the same address opens the same page.
  const second = page.url();
  await page.goto(second);
  await expect(titles()).toHaveText([`${word} Charlie`, `${word} Delta`]);
  await pager.getByRole("link", { name: "← First page" }).click();
  await expect(titles()).toHaveText([`${word} Alpha`, `${word} bravo`]);

  // A cursor that is not one (or from another sort) shows the first page and says why.
  await page.goto(`${second.replace("sort=title", "sort=updated")}`);
  await expect(page.getByRole("alert").filter({ hasText: "That page link is not valid any more" })).toBeVisible();
  await expect(cards).toHaveCount(2);
  await page.goto(`/pocs?q=${word}&cursor=pl1.garbage`);
  await expect(page.getByRole("alert").filter({ hasText: "That page link is not valid any more" })).toBeVisible();
  await expect(cards).toHaveCount(4);
});
