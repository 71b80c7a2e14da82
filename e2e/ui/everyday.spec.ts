/**
 * Everyday use (issue 17): the POC list's search and filters in the URL, the settings
 * overview, the API reference, and moderating comments (edit, delete, internal).
 */
import { expect, test } from "@playwright/test";
import { freshLink, newPoc, signIn, signedInApi } from "../helpers";

test("the POC list searches and filters in the URL, shows progress, and says when nothing matches", async ({ page, playwright, baseURL }) => {
  // A POC of this test's own (other specs add POCs to the same demo tenant meanwhile).
  const api = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const word = `Quokka${Date.now()}`;
  await newPoc(api, `${word} pilot`);
  await api.dispose();
  await signIn(page, "acmeAdmin");
  await page.getByRole("searchbox", { name: "Search" }).fill(word.toLowerCase());
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`/pocs\\?q=${word.toLowerCase()}`));
  const cards = page.getByRole("list", { name: "POCs" }).getByRole("listitem");
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText(`${word} pilot`);
  await expect(cards.first()).toContainText("1 of 1 tasks done");
  await expect(cards.first().getByRole("progressbar", { name: "Tasks done" })).toBeVisible();
  // Shareable: the same URL opens the same list.
  await page.goto("/pocs?q=zzz-no-such-poc");
  await expect(page.getByRole("heading", { name: "No POCs match" })).toBeVisible();
  await page.getByRole("link", { name: "Clear search and filters" }).click();
  await expect(page).toHaveURL(/\/pocs$/);
  await page.goto("/pocs?status=nonsense");
  await expect(page.getByRole("alert").filter({ hasText: "not understood" })).toBeVisible();
});

test("settings has an overview the breadcrumb returns to", async ({ page }) => {
  await signIn(page, "acmeAdmin");
  await page.goto("/settings/members");
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  for (const name of ["Members", "Teams", "API tokens", "Shared links", "Outbox"]) await expect(page.getByRole("link", { name, exact: true }).last()).toBeVisible();
});

test("the API reference renders Markdown, every field and a curl example", async ({ page }) => {
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  const main = page.locator("main");
  // Code spans are elements, not literal backticks.
  expect(await main.locator("p").allInnerTexts()).not.toContainEqual(expect.stringContaining("`"));
  await expect(main.locator("code", { hasText: "Authorization: Bearer <api token>" }).first()).toBeVisible();
  const createTask = page.locator("article", { has: page.getByRole("heading", { name: /POST \/api\/v1\/pocs\/\{poc_id\}\/tasks$/ }) });
  await expect(createTask.getByRole("cell", { name: "title", exact: true })).toBeVisible();
  await expect(createTask).toContainText("1–300 characters");
  await expect(createTask.locator("pre")).toContainText('curl -X POST');
  await expect(createTask.locator("pre")).toContainText("$POC_MANAGER_TOKEN");
});

test("comments: edit your own, delete with confirmation, internal ones never reach the share link", async ({ page, playwright, baseURL }) => {
  const api = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const pocId = await newPoc(api, `Moderation ${Date.now()}`);
  const link = await freshLink(api, pocId, { actions: ["view", "comment"] });
  await signIn(page, "acmeAdmin");
  await page.goto(`/pocs/${pocId}`);

  const comments = page.getByRole("region", { name: "Comments" });
  await comments.getByLabel("Comment", { exact: true }).fill("First thougts");
  await comments.getByRole("button", { name: "Post comment" }).click();
  await expect(comments.getByText("First thougts")).toBeVisible();
  await comments.getByRole("button", { name: "Edit your comment" }).click();
  await comments.getByLabel("Edit your comment").fill("First thoughts");
  await comments.getByRole("button", { name: "Save" }).click();
  await expect(comments.getByText("First thoughts")).toBeVisible();
  await expect(comments).toContainText("edited");

  // The comment box is multiline: Enter starts a new line, Ctrl+Enter posts.
  const box = comments.getByLabel("Comment", { exact: true });
  await box.fill("Two lines:");
  await box.press("Enter");
  await box.pressSequentially("the second");
  await expect(box).toHaveValue("Two lines:\nthe second");
  await box.press("Control+Enter");
  await expect(comments.locator("article", { hasText: "the second" })).toContainText("Two lines:");
  await expect(box).toHaveValue("");

  await comments.getByLabel("Comment", { exact: true }).fill("Our price floor is 40k");
  await comments.getByRole("checkbox", { name: /Internal/ }).check();
  await comments.getByRole("button", { name: "Post comment" }).click();
  await expect(comments.locator("article", { hasText: "Our price floor is 40k" }).getByText("Internal", { exact: true })).toBeVisible();

  const guest = await page.context().browser()!.newPage();
  await guest.goto(link.url);
  await expect(guest.getByText("First thoughts")).toBeVisible();
  await expect(guest.getByText("Our price floor is 40k")).toHaveCount(0);

  await comments.locator("article", { hasText: "First thoughts" }).getByRole("button", { name: "Delete your comment" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete your comment?" });
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(comments.getByText("First thoughts")).toHaveCount(0);
  await guest.reload();
  await expect(guest.getByText("First thoughts")).toHaveCount(0);
  await guest.close();
  await api.dispose();
});
