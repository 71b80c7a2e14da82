/**
 * Editing on the member's POC page (issue 17): tasks edit inline (title, assignee, due date,
 * status, group), tasks and groups reorder by drag and drop with the pointer and the keyboard,
 * criteria edit and reorder, and a failed save stays next to its control with Retry.
 */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { newPoc, signIn, signedInApi } from "../helpers";

type Detail = { task_groups: { id: string; name: string; tasks: { id: string; title: string; status: string; due_date: string | null; assignee: { name: string } | null }[] }[]; success_criteria: { description: string }[] };

/** A POC of the test's own: "Phase 1" (Kick-off call, Install agent, Run load test) and an empty "Phase 2". */
async function boardPoc(api: APIRequestContext, title: string) {
  const pocId = await newPoc(api, title);
  const detail: Detail = await (await api.get(`/api/v1/pocs/${pocId}`)).json();
  const phase1 = detail.task_groups[0]!.id;
  for (const task of ["Install agent", "Run load test"]) expect((await api.post(`/api/v1/pocs/${pocId}/tasks`, { data: { group_id: phase1, title: task } })).status()).toBe(201);
  expect((await api.post(`/api/v1/pocs/${pocId}/task-groups`, { data: { name: "Phase 2" } })).status()).toBe(201);
  for (const description of ["Single sign-on works", "p95 under 2 s"]) expect((await api.post(`/api/v1/pocs/${pocId}/success-criteria`, { data: { description } })).status()).toBe(201);
  return pocId;
}

const detailOf = async (api: APIRequestContext, pocId: string): Promise<Detail> => (await api.get(`/api/v1/pocs/${pocId}`)).json();
test.describe.configure({ timeout: 120_000 });

const group = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const taskTitles = (page: Page, name: string) => group(page, name).getByRole("rowheader").allInnerTexts();

/** The board's live region saying where the dragged task or group would land. */
const PLACE = /at place \d+ of \d+\.$/;

/**
 * Space picks the handle up, each arrow moves it one place, Space drops it (dnd-kit's keyboard
 * sensor). Each step waits for what it causes: the handle pressed and the starting place said
 * (after "Picked up…"), then a new place said for each arrow. The board announces places (group
 * and position), so a task crossing into another group is heard to move even when dnd-kit ends
 * up over the task's own row again.
 */
async function keyboardMove(page: Page, handleName: string, keys: string[]) {
  const handle = page.getByRole("button", { name: handleName });
  await handle.focus();
  await page.keyboard.press("Space");
  await expect(handle).toHaveAttribute("aria-pressed", "true");
  const live = page.getByRole("status").filter({ hasText: new RegExp(handleName.replace(/^Move /, ""), "i") });
  await expect(live).toHaveText(PLACE);
  for (const key of keys) {
    const before = (await live.textContent()) ?? "";
    await page.keyboard.press(key);
    await expect(live).not.toHaveText(before);
    await expect(live).toHaveText(PLACE);
  }
  // The drop saves (a server action posting to the page); its answer carries the refreshed page.
  const saved = page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname.startsWith("/pocs/"));
  await page.keyboard.press("Space");
  await expect(live).toContainText("Dropped");
  await saved;
}

test("a task's title opens its inline editor: title, assignee, due date, status and group save in place", async ({ page, playwright, baseURL }) => {
  const api = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const pocId = await boardPoc(api, `Inline edit ${Date.now()}`);
  await signIn(page, "acmeAdmin");
  await page.goto(`/pocs/${pocId}`);

  await page.getByRole("button", { name: "Edit task Install agent" }).click();
  const editor = page.getByRole("form", { name: "Edit task Install agent" });
  await expect(editor.getByLabel("Title")).toBeFocused();
  // A refused save (validation) shows beside its field; the page stays.
  await editor.getByLabel("Title").fill("");
  await editor.getByRole("button", { name: "Save task" }).click();
  await expect(editor.getByText("Title is required")).toBeVisible();

  await editor.getByLabel("Title").fill("Install the agent on 3 hosts");
  await editor.getByLabel("Assignee").selectOption({ label: "Mark Member" });
  await editor.getByLabel("Due date").fill("2026-12-24");
  await editor.getByLabel("Status").selectOption({ label: "In progress" });
  await editor.getByLabel("Group").selectOption({ label: "Phase 2" });
  await editor.getByRole("button", { name: "Save task" }).click();

  const row = group(page, "Phase 2").getByRole("row", { name: /Install the agent on 3 hosts/ });
  await expect(row).toContainText("Mark Member");
  await expect(row).toContainText("Dec 24, 2026");
  await expect(row.getByRole("combobox", { name: "Status of Install the agent on 3 hosts" })).toHaveValue("in_progress");
  expect(await taskTitles(page, "Phase 1")).toEqual(["Kick-off call", "Run load test"]);
  // Focus is back on the title that opened the editor.
  await expect(page.getByRole("button", { name: "Edit task Install the agent on 3 hosts" })).toBeFocused();

  const moved = (await detailOf(api, pocId)).task_groups[1]!.tasks[0]!;
  expect(moved).toMatchObject({ title: "Install the agent on 3 hosts", status: "in_progress", due_date: "2026-12-24", assignee: { name: "Mark Member" } });

  // Escape closes the editor without saving.
  await page.getByRole("button", { name: "Edit task Kick-off call" }).click();
  await page.getByRole("form", { name: "Edit task Kick-off call" }).getByLabel("Title").fill("Not this");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Edit task Kick-off call" })).toBeFocused();
  expect((await detailOf(api, pocId)).task_groups[0]!.tasks[0]!.title).toBe("Kick-off call");
  await api.dispose();
});

test("tasks reorder and change groups, and groups reorder, with the keyboard", async ({ page, playwright, baseURL }) => {
  const api = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const pocId = await boardPoc(api, `Keyboard reorder ${Date.now()}`);
  await signIn(page, "acmeAdmin");
  // Both groups on screen, as for the pointer: the arrow keys step to what is in view.
  await page.setViewportSize({ width: 1280, height: 1600 });
  await page.goto(`/pocs/${pocId}`);

  await keyboardMove(page, "Move task Run load test", ["ArrowUp", "ArrowUp"]);
  await expect.poll(() => taskTitles(page, "Phase 1")).toEqual(["Run load test", "Kick-off call", "Install agent"]);
  await expect.poll(async () => (await detailOf(api, pocId)).task_groups[0]!.tasks.map((t) => t.title)).toEqual(["Run load test", "Kick-off call", "Install agent"]);

  // Down past the last row of Phase 1 lands in the empty Phase 2.
  await keyboardMove(page, "Move task Install agent", ["ArrowDown"]);
  await expect.poll(async () => (await detailOf(api, pocId)).task_groups.map((g) => [g.name, g.tasks.map((t) => t.title)])).toEqual([
    ["Phase 1", ["Run load test", "Kick-off call"]],
    ["Phase 2", ["Install agent"]],
  ]);
  await expect(group(page, "Phase 2").getByRole("rowheader")).toHaveText(["Install agent"]);

  await keyboardMove(page, "Move group Phase 2", ["ArrowUp"]);
  await expect.poll(async () => (await detailOf(api, pocId)).task_groups.map((g) => g.name)).toEqual(["Phase 2", "Phase 1"]);
  await expect(page.getByRole("heading", { level: 3, name: /^Phase \d$/ })).toHaveText(["Phase 2", "Phase 1"]);
  // The order holds after a reload: it was saved, not just drawn.
  await page.reload();
  await expect(page.getByRole("heading", { level: 3, name: /^Phase \d$/ })).toHaveText(["Phase 2", "Phase 1"]);
  await api.dispose();
});

test("a task is dragged with the pointer to another place and another group", async ({ page, playwright, baseURL }) => {
  const api = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const pocId = await boardPoc(api, `Pointer drag ${Date.now()}`);
  await signIn(page, "acmeAdmin");
  // Tall enough that both groups are on screen: the pointer drags only what it can reach.
  await page.setViewportSize({ width: 1280, height: 1600 });
  await page.goto(`/pocs/${pocId}`);

  const drag = async (handle: string, target: { x: number; y: number }) => {
    const box = (await page.getByRole("button", { name: handle }).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 10, { steps: 3 });
    await page.mouse.move(target.x, target.y, { steps: 12 });
    await page.mouse.move(target.x, target.y + 1, { steps: 2 });
    await page.mouse.up();
  };
  const kickOff = (await group(page, "Phase 1").getByRole("row", { name: /Kick-off call/ }).boundingBox())!;
  await drag("Move task Run load test", { x: kickOff.x + 40, y: kickOff.y + 4 });
  await expect.poll(async () => (await detailOf(api, pocId)).task_groups[0]!.tasks.map((t) => t.title)).toEqual(["Run load test", "Kick-off call", "Install agent"]);

  const empty = (await group(page, "Phase 2").getByText("No tasks in this group yet").boundingBox())!;
  await drag("Move task Kick-off call", { x: empty.x + empty.width / 2, y: empty.y + empty.height / 2 });
  await expect.poll(async () => (await detailOf(api, pocId)).task_groups[1]!.tasks.map((t) => t.title)).toEqual(["Kick-off call"]);
  await expect(group(page, "Phase 2").getByRole("rowheader")).toHaveText(["Kick-off call"]);
  await api.dispose();
});

test("criteria: click the text to edit it, reorder with the keyboard", async ({ page, playwright, baseURL }, testInfo) => {
  const api = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const pocId = await boardPoc(api, `Criteria edit ${Date.now()}`);
  await signIn(page, "acmeAdmin");
  await page.goto(`/pocs/${pocId}`);
  const criteria = page.getByRole("region", { name: "Success criteria" });

  await criteria.getByRole("button", { name: "Edit criterion p95 under 2 s" }).click();
  await criteria.getByRole("textbox", { name: "Criterion", exact: true }).fill("p95 under 1.5 s");
  await criteria.getByRole("button", { name: "Save" }).click();
  await expect(criteria.getByRole("button", { name: "Edit criterion p95 under 1.5 s" })).toBeVisible();

  await keyboardMove(page, "Move criterion p95 under 1.5 s", ["ArrowUp"]);
  await expect.poll(async () => (await detailOf(api, pocId)).success_criteria.map((c) => c.description)).toEqual(["p95 under 1.5 s", "Single sign-on works"]);
  await expect(criteria.getByRole("listitem")).toHaveText([/p95 under 1.5 s/, /Single sign-on works/]);
  // The editable page at a desktop and a phone width, for a look.
  await page.screenshot({ path: testInfo.outputPath("poc-edit-1280.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("button", { name: "Edit task Kick-off call" }).click();
  await page.screenshot({ path: testInfo.outputPath("poc-edit-390.png"), fullPage: true });
  await api.dispose();
});

test("a failed inline save shows its message and Retry beside the control, never the error page", async ({ page, playwright, baseURL }) => {
  const api = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const pocId = await boardPoc(api, `Failed save ${Date.now()}`);
  await signIn(page, "acmeAdmin");
  await page.goto(`/pocs/${pocId}`);

  // The server refuses every save (server actions post to the page's own URL).
  const refuse = (route: import("@playwright/test").Route) => (route.request().method() === "POST" ? route.fulfill({ status: 503, body: "Service unavailable" }) : route.fallback());
  await page.route(`**/pocs/${pocId}`, refuse);

  await page.getByRole("button", { name: "Edit task Kick-off call" }).click();
  const editor = page.getByRole("form", { name: "Edit task Kick-off call" });
  await editor.getByLabel("Title").fill("Kick-off call with IT");
  await editor.getByRole("button", { name: "Save task" }).click();
  const failure = editor.getByRole("alert");
  await expect(failure).toContainText("Not saved");
  await expect(page.getByRole("heading", { name: "Something went wrong" })).toHaveCount(0);

  // A failed move goes back to where it was, with Retry.
  await keyboardMove(page, "Move task Run load test", ["ArrowUp"]);
  const moveFailure = page.getByRole("alert").filter({ hasText: "Moving task Run load test was not saved" });
  await expect(moveFailure).toBeVisible();
  // (Kick-off call's row is still its open editor, which has no row header.)
  expect(await taskTitles(page, "Phase 1")).toEqual(["Install agent", "Run load test"]);

  const status = page.getByRole("combobox", { name: "Status of Install agent" });
  await status.selectOption("blocked");
  await expect(status.locator("..").getByRole("alert")).toContainText("Not saved");

  await page.unroute(`**/pocs/${pocId}`, refuse);
  await failure.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("button", { name: "Edit task Kick-off call with IT" })).toBeVisible();
  await moveFailure.getByRole("button", { name: "Retry" }).click();
  await expect.poll(async () => (await detailOf(api, pocId)).task_groups[0]!.tasks.map((t) => t.title)).toEqual(["Kick-off call with IT", "Run load test", "Install agent"]);
  await api.dispose();
});
