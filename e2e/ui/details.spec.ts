/**
 * Details (issue 17): a guest's name is remembered for the next comment and a posted comment is
 * confirmed; leaving a POC edit form with unsaved changes asks first.
 */
import { expect, test } from "@playwright/test";
import { freshLink, newPoc, signIn, signedInApi } from "../helpers";

test.describe.configure({ timeout: 120_000 });

test("a guest's comment is confirmed and their name and email are filled in for the next one", async ({ browser, playwright, baseURL }) => {
  const api = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const pocId = await newPoc(api, `Guest comments ${Date.now()}`);
  const link = await freshLink(api, pocId, { actions: ["view", "comment"] });
  await api.dispose();
  const page = await (await browser.newContext()).newPage();
  await page.goto(link.url);
  const form = page.getByRole("form", { name: "New comment" });
  await form.getByLabel("Your name").fill("Casey Customer");
  await form.getByLabel("Your email").fill("casey@customer.example");
  await form.getByLabel("Comment").fill("Looks good so far");
  await form.getByRole("button", { name: "Post comment" }).click();
  await expect(form.getByRole("status")).toHaveText("Comment posted.");
  await expect(page.getByRole("region", { name: "Comments" }).getByText("Looks good so far")).toBeVisible();
  await expect(form.getByLabel("Your name")).toHaveValue("Casey Customer");
  await expect(form.getByLabel("Your email")).toHaveValue("casey@customer.example");

  // Remembered in this browser: a later visit starts with them too.
  await page.reload();
  await expect(page.getByRole("form", { name: "New comment" }).getByLabel("Your name")).toHaveValue("Casey Customer");
  await page.getByRole("form", { name: "New comment" }).getByLabel("Comment").fill("One more question");
  await page.getByRole("form", { name: "New comment" }).getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByRole("region", { name: "Comments" }).getByText("One more question")).toBeVisible();
  await expect(page.getByRole("region", { name: "Comments" }).getByText("Casey Customer").first()).toBeVisible();
  await page.close();
});

test("leaving a POC edit form with unsaved changes asks first", async ({ page, playwright, baseURL }) => {
  const api = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const title = `Unsaved ${Date.now()}`;
  const pocId = await newPoc(api, title);
  await api.dispose();
  await signIn(page, "acmeAdmin");
  await page.goto(`/pocs/${pocId}/edit`);

  // Untouched: Cancel leaves at once.
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(new RegExp(`/pocs/${pocId}$`));

  await page.goto(`/pocs/${pocId}/edit`);
  await page.getByLabel("Customer").fill("Changed Corp");
  const questions: string[] = [];
  page.once("dialog", (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect.poll(() => questions).toEqual(["Leave this page? Your unsaved changes to the POC will be lost."]);
  await expect(page).toHaveURL(new RegExp(`/pocs/${pocId}/edit$`));
  await expect(page.getByLabel("Customer")).toHaveValue("Changed Corp");

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(new RegExp(`/pocs/${pocId}$`));
  await expect(page.getByText("Changed Corp")).toHaveCount(0);
});
