import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD, USERS, pocIdByTitle, signIn, signedInApi } from "../helpers";

// Issue 2 acceptance: signed-in UI basics. Each test owns its data, so files can run in parallel.
let admin: APIRequestContext;
test.beforeAll(async ({ playwright, baseURL }) => {
  admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
});
test.afterAll(async () => admin.dispose());

const suffix = () => randomBytes(4).toString("hex");

test("an admin adds a task on a POC page and it is still there after a reload", async ({ page }) => {
  const title = `Foundation POC ${suffix()}`;
  const created = await admin.post("/api/v1/pocs", { data: { title, customer: "E2E Foundation Ltd" } });
  expect(created.status()).toBe(201);
  const pocId = (await created.json()).id as string;
  expect((await admin.post(`/api/v1/pocs/${pocId}/task-groups`, { data: { name: "Kick-off" } })).status()).toBe(201);

  await signIn(page, "acmeAdmin");
  await page.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/pocs/${pocId}$`));
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  const taskTitle = `Agree on the test plan ${suffix()}`;
  await page.getByLabel("Task title").fill(taskTitle);
  await page.getByLabel("Task group").selectOption({ label: "Kick-off" });
  await page.getByRole("button", { name: "Add task", exact: true }).click();
  const group = page.getByRole("region", { name: "Kick-off" });
  await expect(group.getByRole("rowheader", { name: taskTitle })).toBeVisible();
  await expect(page.getByLabel("Task title")).toHaveValue("");

  await page.reload();
  await expect(page.getByRole("region", { name: "Kick-off" }).getByRole("rowheader", { name: taskTitle })).toBeVisible();
});

test("a member does not see another member's POC in the list, and its URL is the 404 page", async ({ page }) => {
  const pocId = await pocIdByTitle(admin, "Fabrikam analytics evaluation");
  await signIn(page, "acmeMark");
  await expect(page.getByRole("heading", { level: 1, name: "POCs" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Contoso SSO rollout" })).toBeVisible(); // his own
  await expect(page.getByRole("link", { name: "Fabrikam analytics evaluation" })).toHaveCount(0);

  const res = await page.goto(`/pocs/${pocId}`);
  expect(res!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "POC not found" })).toBeVisible();
  await expect(page.getByText("Rebuild revenue by region")).toHaveCount(0);
});

test("a wrong password shows one generic message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(USERS.acmeAdmin);
  await page.getByLabel("Password").fill(`${DEMO_PASSWORD}-wrong`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("signing out returns to the sign-in page, and /pocs then redirects there", async ({ page }) => {
  await signIn(page, "acmeMia");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.goto("/pocs");
  await expect(page).toHaveURL(/\/login$/);
});
