/**
 * Everyday use (issue 17), the details: every settings page's breadcrumb returns to /settings,
 * API tokens link to the API reference, every operation of the API reference is complete,
 * an admin moderates a guest's comment (audited), a request from an expired link's page is
 * dismissed, a live share page has its favicon, and a save the server refuses (403) fails inline.
 */
import { expect, test, type Page } from "@playwright/test";
import { SETTINGS_LINKS } from "../../components/layout/settings-links";
import { freshLink, newPoc, signIn, signedInApi } from "../helpers";
import { openShareDialog } from "./share-helpers";

test.describe.configure({ timeout: 120_000 });

test("every settings page has the Settings breadcrumb back to /settings, which lists them all", async ({ page }) => {
  await signIn(page, "acmeAdmin");
  for (const { href, label } of SETTINGS_LINKS) {
    const res = await page.goto(href);
    expect(res?.status(), href).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();
    const crumb = page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Settings", exact: true });
    await expect(crumb, href).toHaveAttribute("href", "/settings");
  }
  // The crumb goes to the landing page, which links every settings page.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Settings", exact: true }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  const main = page.getByRole("main");
  for (const { href, label } of SETTINGS_LINKS) await expect(main.getByRole("link", { name: label, exact: true })).toHaveAttribute("href", href);
});

test("Settings → API tokens links to the API reference", async ({ page }) => {
  await signIn(page, "acmeAdmin");
  await page.goto("/settings/api-tokens");
  const reference = page.getByRole("main").getByRole("link", { name: "API reference" });
  await expect(reference).toHaveAttribute("href", "/docs/api");
  await reference.click();
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
});

type Operation = { method: string; path: string; hasBody: boolean };
const HTTP_METHODS = ["get", "post", "put", "patch", "delete"];

test("the API reference: every operation has its curl example and typed body fields; no literal backtick anywhere", async ({ page, baseURL }) => {
  const doc = await (await page.request.get("/api/v1/openapi.json")).json();
  const operations: Operation[] = Object.entries(doc.paths as Record<string, Record<string, { requestBody?: unknown }>>).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, op]) => ({ method, path, hasBody: op.requestBody !== undefined })),
  );
  expect(operations.length).toBeGreaterThan(20);
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  const problems = await page.evaluate(
    ({ operations, baseURL }) => {
      const out: string[] = [];
      for (const { method, path, hasBody } of operations) {
        const name = `${method.toUpperCase()} ${path}`;
        const card = document.getElementById(`${method}-${path}`);
        if (!card) {
          out.push(`${name}: no operation on the page`);
          continue;
        }
        const curl = card.querySelector("pre")?.textContent ?? "";
        if (!curl.startsWith(`curl -X ${method.toUpperCase()} "${baseURL}${path}"`)) out.push(`${name}: curl example is ${JSON.stringify(curl.slice(0, 80))}`);
        const bodyTables = [...card.querySelectorAll("table")].filter((t) => t.caption?.textContent?.startsWith("Request body"));
        const rows = bodyTables.flatMap((t) => [...(t.tBodies[0]?.rows ?? [])]);
        if (hasBody && !curl.includes(" -d '")) out.push(`${name}: the curl example sends no body`);
        if (hasBody && rows.length === 0 && !curl.includes(" -d '{}'")) out.push(`${name}: a request body without field rows`);
        for (const row of rows) {
          if (!row.cells[1]?.textContent?.trim()) out.push(`${name}: field ${row.cells[0]?.textContent} has no type`);
        }
      }
      // Code spans are elements: no text the reader sees carries a literal backtick.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || ["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"].includes(parent.tagName)) continue;
        if (node.textContent?.includes("`")) out.push(`backtick in <${parent.tagName.toLowerCase()}>: ${node.textContent.trim().slice(0, 100)}`);
      }
      return out;
    },
    { operations, baseURL: baseURL! },
  );
  expect(problems).toEqual([]);
});

test("an admin deletes a guest's comment through the UI: a placeholder keeps the replies, the audit log names the admin", async ({ page, browser, playwright, baseURL }) => {
  const api = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const title = `Moderated ${Date.now()}`;
  const pocId = await newPoc(api, title);
  const link = await freshLink(api, pocId, { actions: ["view", "comment"] });

  // A guest comments on the share page.
  const guest = await (await browser.newContext()).newPage();
  await guest.goto(link.url);
  const form = guest.getByRole("form", { name: "New comment" });
  await form.getByLabel("Your name").fill("Gary Guest");
  await form.getByLabel("Your email").fill("gary@guest.example");
  await form.getByLabel("Comment").fill("Buy cheap watches at spam.example");
  await form.getByRole("button", { name: "Post comment" }).click();
  await expect(form.getByRole("status")).toHaveText("Comment posted.");
  // The team answers under it.
  const listed = (await (await api.get(`/api/v1/pocs/${pocId}/comments`)).json()).data as { id: string; body: string }[];
  const spam = listed.find((c) => c.body.startsWith("Buy cheap watches"))!;
  const reply = await api.post(`/api/v1/pocs/${pocId}/comments`, { data: { body: "Reported, thanks for flagging", parent_id: spam.id } });
  expect(reply.status()).toBe(201);

  await signIn(page, "acmeAdmin");
  await page.goto(`/pocs/${pocId}`);
  const comments = page.getByRole("region", { name: "Comments" });
  await comments.getByRole("button", { name: "Delete Gary Guest's comment" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete Gary Guest's comment?" });
  await expect(confirm).toContainText("The deletion is written to the audit log.");
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(comments.getByText("Buy cheap watches")).toHaveCount(0);
  const removed = comments.getByRole("listitem").filter({ has: page.getByRole("article", { name: "Comment removed" }) });
  await expect(removed).toHaveCount(1);
  await expect(removed).toContainText("Reported, thanks for flagging");
  // The guest sees the same on the next load.
  await guest.reload();
  await expect(guest.getByRole("article", { name: "Comment removed" })).toBeVisible();
  await expect(guest.getByText("Buy cheap watches")).toHaveCount(0);
  await expect(guest.getByText("Reported, thanks for flagging")).toBeVisible();
  await guest.context().close();

  // Settings → Audit log: one deletion on this POC, by Alice Admin, of a guest's comment.
  await page.goto(`/settings/audit-log?poc=${pocId}&action=comment.deleted`);
  const rows = page.getByRole("table", { name: "Audit events" }).locator('tr[data-action="comment.deleted"]');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("Comment deleted");
  await expect(rows).toContainText("Alice Admin (User)");
  await expect(rows.getByRole("link", { name: title })).toBeVisible();
  await rows.getByText("Details").click();
  await expect(rows).toContainText("guest");
  await api.dispose();
});

test("a request from an expired link's page reaches the Share dialog, where the admin dismisses it", async ({ page, browser, playwright, baseURL }) => {
  const api = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const pocId = await newPoc(api, `Expired request ${Date.now()}`);
  const link = await freshLink(api, pocId, { expires_at: new Date(Date.now() + 2_000).toISOString() });
  const requester = `late+${Date.now().toString(36)}@customer.example`;

  const visitor = await (await browser.newContext()).newPage();
  // Wait for the expiry to pass on the server's clock.
  await expect.poll(async () => (await visitor.request.get(link.url)).status(), { timeout: 15_000 }).toBe(403);
  expect((await visitor.goto(link.url))!.status()).toBe(403);
  await expect(visitor.getByText("This link has expired")).toBeVisible();
  const form = visitor.getByRole("form", { name: "Request access" });
  await form.getByLabel("Your name").fill("Lena Late");
  await form.getByLabel("Your email").fill(requester);
  await form.getByLabel("Message (optional)").fill("The link ran out before our review.");
  await form.getByRole("button", { name: "Request access" }).click();
  await expect(visitor.getByRole("status")).toContainText("Request sent.");
  await visitor.context().close();

  await signIn(page, "acmeAdmin");
  const dialog = await openShareDialog(page, pocId);
  const requests = dialog.getByRole("region", { name: /Access requests/ });
  const request = requests.getByRole("listitem", { name: `Request from Lena Late (${requester})` });
  await expect(request).toContainText("“The link ran out before our review.”");
  await request.getByRole("button", { name: `Dismiss the request from Lena Late (${requester})` }).click();
  await expect(requests).toHaveCount(0);
  // Dismissed: nobody was given access, and the request does not come back.
  await expect(dialog.getByRole("listitem", { name: requester, exact: true })).toHaveCount(0);
  const again = await openShareDialog(page, pocId);
  await expect(again.getByRole("listitem", { name: "Alice Admin (admin@acme.test), owner" })).toBeVisible();
  await expect(again.getByRole("region", { name: /Access requests/ })).toHaveCount(0);
  const grants = (await (await api.get(`/api/v1/sharing/grants?subject_type=poc&subject_id=${pocId}`)).json()).data as { principal: { email: string | null } }[];
  expect(grants.map((g) => g.principal.email)).not.toContain(requester);
  await api.dispose();
});

test("a live share page has the app's favicon", async ({ browser, playwright, baseURL }) => {
  const api = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const link = await freshLink(api, await newPoc(api, `Favicon ${Date.now()}`));
  await api.dispose();
  const visitor = await (await browser.newContext()).newPage();
  expect((await visitor.goto(link.url))!.status()).toBe(200);
  await expect(visitor.getByRole("heading", { level: 1 })).toBeVisible();
  const icon = visitor.locator('link[rel="icon"]');
  await expect(icon).toHaveCount(1);
  const href = await icon.getAttribute("href");
  const res = await visitor.request.get(new URL(href!, link.url).toString());
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^image\//);
  await visitor.context().close();
});

/** The server refuses every save on the POC's page (server actions post to the page's own URL) with the API's problem+json. */
async function refuseSaves(page: Page, pocId: string) {
  const problem = { type: "https://poc-manager.dev/problems/auth/forbidden", title: "Forbidden", status: 403, code: "auth/forbidden", detail: "You need the \"edit\" permission on this POC" };
  await page.route(`**/pocs/${pocId}`, (route) =>
    route.request().method() === "POST" ? route.fulfill({ status: 403, contentType: "application/problem+json", body: JSON.stringify(problem) }) : route.fallback(),
  );
}

test("an inline save refused with 403 shows Not saved and Retry beside the control, never the error page", async ({ page, playwright, baseURL }) => {
  const api = await signedInApi(playwright, baseURL!, "acmeAdmin");
  const pocId = await newPoc(api, `Refused save ${Date.now()}`);
  await api.dispose();
  await signIn(page, "acmeAdmin");
  await page.goto(`/pocs/${pocId}`);
  await refuseSaves(page, pocId);

  await page.getByRole("button", { name: "Edit task Kick-off call" }).click();
  const editor = page.getByRole("form", { name: "Edit task Kick-off call" });
  await editor.getByLabel("Title").fill("Kick-off call with legal");
  await editor.getByRole("button", { name: "Save task" }).click();
  const failure = editor.getByRole("alert");
  // An answer, not silence: the message does not claim the server was unreachable.
  await expect(failure).toContainText("Not saved: The server did not accept it. Try again, or reload the page.");
  await expect(failure.getByRole("button", { name: "Retry" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Something went wrong" })).toHaveCount(0);

  // Allowed again: Retry saves what was typed.
  await page.unrouteAll();
  await failure.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("button", { name: "Edit task Kick-off call with legal" })).toBeVisible();
});
