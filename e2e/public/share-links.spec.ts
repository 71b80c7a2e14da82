import { expect, test, type APIRequestContext } from "@playwright/test";
import { freshLink, newPoc, signedInApi } from "../helpers";

// Each test creates its own POC, so tests run in parallel without sharing link state.
let admin: APIRequestContext;
test.beforeAll(async ({ playwright, baseURL }) => {
  admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
});
test.afterAll(async () => admin.dispose());

test("a public link shows the POC read-only with the share headers, and revocation holds on the next request", async ({ browser }) => {
  const pocId = await newPoc(admin, "Fabrikam analytics evaluation");
  const link = await freshLink(admin, pocId);
  const visitor = await browser.newContext(); // no session
  const page = await visitor.newPage();
  const external: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(new URL(link.url).origin)) external.push(r.url());
  });
  const res = await page.goto(link.url);
  expect(res!.status()).toBe(200);
  const headers = res!.headers();
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-robots-tag"]).toBe("noindex, nofollow");
  expect(headers["cache-control"]).toBe("private, no-store");
  await expect(page.getByRole("heading", { level: 1, name: "Fabrikam analytics evaluation" })).toBeVisible();
  await expect(page.getByText("Kick-off call")).toBeVisible();
  await expect(page.getByRole("button")).toHaveCount(0);
  await expect(page.locator("form")).toHaveCount(0);
  const html = await page.content();
  expect(html).not.toContain("@acme.test");
  expect(external).toEqual([]);
  // Scripts are the app's own (same origin, or inline with this response's nonce); nothing else runs.
  const csp = headers["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  for (const directive of ["default-src 'none'", `script-src 'self' 'nonce-${nonce}'`, "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
  const raw = await res!.text();
  for (const tag of raw.match(/<script\b[^>]*>/g) ?? []) {
    if (!/\ssrc="\/_next\//.test(tag)) expect(tag, tag).toContain(`nonce="${nonce}"`);
  }

  expect((await admin.delete(`/api/v1/pocs/${pocId}/public-link`)).status()).toBe(204);
  const after = await page.reload();
  expect(after!.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "This link is no longer available" })).toBeVisible();
  await visitor.close();
});

test("robots.txt disallows the share prefix; unknown and malformed tokens get the same 404", async ({ request }) => {
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain("Disallow: /share/");
  for (const token of ["null", ":token", "0", "x".repeat(300), "A".repeat(43)]) {
    const res = await request.get(`/share/${token}`);
    expect(res.status(), token).toBe(404);
    expect(await res.text()).toContain("Link not found");
  }
});

test("the benchmark's pages are 404 outside bench servers, even with a live link's token", async ({ request }) => {
  const link = await freshLink(admin, await newPoc(admin, "Litware benchmark leak check"));
  const token = new URL(link.url).pathname.split("/").pop()!;
  for (const path of ["/bench/page-ceiling", ...["data", "view", "view-without-tasks"].map((part) => `/bench/share-floor/${part}/${token}`)]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(404);
    expect(await res.text(), path).not.toContain("Litware benchmark leak check");
  }
});

test("password gate: wrong then right, link X's unlock does not open link Y, 6 wrong tries hit the limit", async ({ browser }) => {
  const x = await freshLink(admin, await newPoc(admin, "Contoso SSO rollout"), { password: "password-x-123" });
  const y = await freshLink(admin, await newPoc(admin, "Northwind data platform pilot"), { password: "password-y-123" });
  const visitor = await browser.newContext();
  const page = await visitor.newPage();

  await page.goto(x.url);
  await expect(page.getByRole("heading", { name: "This link is protected" })).toBeVisible();
  await page.getByLabel("Password").fill("not-it");
  await page.getByRole("button", { name: "View" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("That password is not correct. Try again.");
  await expect(page.getByRole("button", { name: "View" })).not.toHaveAttribute("aria-busy");
  await page.getByLabel("Password").fill("password-x-123");
  await page.getByRole("button", { name: "View" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Contoso SSO rollout" })).toBeVisible();

  await page.goto(y.url);
  await expect(page.getByRole("heading", { name: "This link is protected" })).toBeVisible();

  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Password").fill(`wrong-${i}`);
    // The form posts without leaving the page: wait for each answer before the next try.
    const [wrong] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "View" }).click()]);
    expect(wrong.status()).toBe(401);
    // Settled: the form has shown the answer and cleared the field (React resets it then).
    await expect(page.getByRole("button", { name: "View" })).not.toHaveAttribute("aria-busy");
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  }
  await page.getByLabel("Password").fill("password-y-123");
  const [limited] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "View" }).click()]);
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  await expect(page.getByRole("heading", { name: "Too many attempts" })).toBeVisible();
  await expect(page.getByText(/Try again in \d+ minutes?/)).toBeVisible();
  await visitor.close();
});

test("a spoofed X-Forwarded-For does not reset the attempt count", async ({ request }) => {
  const link = await freshLink(admin, await newPoc(admin, "Contoso SSO rollout"), { password: "spoof-test-pass" });
  const attempt = (n: number) =>
    request.post(`/api/v1/public/pocs/${link.token}/unlock`, { data: { password: `wrong-${n}` }, headers: { "x-forwarded-for": `198.51.100.${n}`, "x-real-ip": `198.51.100.${n}` } });
  for (let i = 0; i < 5; i++) expect((await attempt(i)).status()).toBe(401);
  const sixth = await attempt(99);
  expect(sixth.status()).toBe(429);
  expect((await sixth.json()).code).toBe("share/rate-limited");
});

test("expiry: a link whose expires_at passes answers 403 share/expired on the page and the API", async ({ request }) => {
  const link = await freshLink(admin, await newPoc(admin, "Northwind data platform pilot"), { expires_at: new Date(Date.now() + 2_000).toISOString() });
  expect((await request.get(link.url)).status()).toBe(200);
  // Wait for the expiry to pass on the server's clock (polling, no fixed sleep).
  await expect.poll(async () => (await request.get(link.url)).status(), { timeout: 15_000 }).toBe(403);
  expect(await (await request.get(link.url)).text()).toContain("This link has expired");
  const api = await request.get(`/api/v1/public/pocs/${link.token}`);
  expect(api.status()).toBe(403);
  expect((await api.json()).code).toBe("share/expired");
});

test("watermark: the email gate, then the email tiled over the page", async ({ browser }) => {
  const link = await freshLink(admin, await newPoc(admin, "Fabrikam analytics evaluation"), { watermark: true });
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  await page.goto(link.url);
  await expect(page.getByRole("heading", { name: "Who is viewing?" })).toBeVisible();
  await page.getByLabel("Email address").fill("dana@customer.example");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Fabrikam analytics evaluation" })).toBeVisible();
  const overlay = page.locator("[data-watermark]");
  await expect(overlay).toHaveAttribute("data-watermark", "dana@customer.example");
  await expect(overlay.locator("span").first()).toContainText("dana@customer.example");
  // It covers the page and does not block clicks.
  const box = await overlay.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box!.width).toBeGreaterThanOrEqual(viewport.width);
  expect(await overlay.evaluate((el) => getComputedStyle(el).pointerEvents)).toBe("none");
  // And it prints.
  await page.emulateMedia({ media: "print" });
  await expect(overlay).toBeVisible();
  await visitor.close();
});

test("view-only links have no comment or download UI, and direct posts to those endpoints are refused", async ({ browser, request }) => {
  const link = await freshLink(admin, await newPoc(admin, "Contoso SSO rollout"));
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  await page.goto(link.url);
  await expect(page.getByRole("heading", { level: 1, name: "Contoso SSO rollout" })).toBeVisible();
  await expect(page.getByRole("link", { name: /PDF document|PNG summary|Excel workbook|CSV of tasks/ })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Comments" })).toHaveCount(0);
  const comment = await request.post(`/api/v1/public/pocs/${link.token}/comments`, { data: { name: "Eve", email: "eve@x.example", body: "hello" } });
  expect(comment.status()).toBe(403);
  for (const f of ["pdf", "png", "xlsx", "csv"]) {
    expect((await request.get(`/api/v1/public/pocs/${link.token}/export.${f}`)).status()).toBe(403);
    expect((await request.get(`/share/${link.token}/export.${f}`)).status()).toBe(403);
  }
  await visitor.close();
});

test("comment and download links: a guest posts a comment the team sees, and downloads the CSV", async ({ browser, baseURL }) => {
  const pocId = await newPoc(admin, "Northwind data platform pilot");
  const link = await freshLink(admin, pocId, { actions: ["view", "comment", "download"] });
  const visitor = await browser.newContext({ acceptDownloads: true });
  const page = await visitor.newPage();
  await page.goto(link.url);
  const form = page.getByRole("form", { name: "New comment" });
  await form.getByLabel("Your name").fill("Casey Customer");
  await form.getByLabel("Your email").fill("casey@customer.example");
  await form.getByLabel("Comment").fill("<b>Looks</b> great from our side");
  await form.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByText("<b>Looks</b> great from our side")).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV of tasks" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^northwind-data-platform-pilot-\d{8}-\d{4}Z-[0-9A-Z]{10}\.csv$/);
  const csv = await (await import("node:fs/promises")).readFile(await download.path(), "utf8");
  expect(csv).toContain('"Task","Phase 1","Kick-off call","Done"');

  const detail = await (await admin.get(`${baseURL}/api/v1/pocs/${pocId}`)).json();
  expect(detail.comments.some((c: { body: string; author: { kind: string } }) => c.body === "<b>Looks</b> great from our side" && c.author.kind === "guest")).toBe(true);
  await visitor.close();
});
