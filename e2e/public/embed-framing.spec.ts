/**
 * Embeds in a real browser (issue 14): a page on another local origin, listed in the grant's
 * embed_origins, frames the embed through the snippet the API hands out; the same page on an
 * origin not in the list is refused by Chromium (frame-ancestors); revoking the grant makes
 * the iframe's next load show the revoked page. The host pages come from a tiny static server
 * this spec starts on two ports of its own.
 */
import { createServer, type Server } from "node:http";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { newPoc, signedInApi } from "../helpers";

const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
// Two ports beside the app's (3340 → 3341, 3342 for this engineer's range).
const ALLOWED_PORT = E2E_PORT + 1;
const OTHER_PORT = E2E_PORT + 2;
const ALLOWED_ORIGIN = `http://localhost:${ALLOWED_PORT}`;

let admin: APIRequestContext;
const servers: Server[] = [];
/** What the host pages frame: the snippet of the grant under test. */
let snippet = "";

function hostPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Customer intranet</title>
<style>body{font:16px system-ui;margin:0;padding:16px;background:#eef2f7} h1{font-size:20px}</style></head>
<body><h1>Customer intranet</h1>${snippet}</body></html>`;
}

function listen(port: number): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(hostPage());
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

test.beforeAll(async ({ playwright, baseURL }) => {
  admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  servers.push(await listen(ALLOWED_PORT), await listen(OTHER_PORT));
});

test.afterAll(async () => {
  await admin.dispose();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

async function newEmbed(pocId: string, data: Record<string, unknown> = {}) {
  const res = await admin.post("/api/v1/sharing/grants", {
    data: { subject_type: "poc", subject_id: pocId, principal_type: "embed", embed_origins: [ALLOWED_ORIGIN], ...data },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; embed_url: string; embed_snippet: string; embed_token: string };
}

const embedFrame = (page: Page) => page.frameLocator("iframe");

test.describe.configure({ mode: "serial" });

test("an allowed origin frames the embed and shows the POC; revoking shows the revoked page on the next load", async ({ page }) => {
  const title = "Embed framing trial";
  const pocId = await newPoc(admin, title);
  const embed = await newEmbed(pocId);
  snippet = embed.embed_snippet;

  const embedResponse = page.waitForResponse((r) => r.url().startsWith(embed.embed_url));
  await page.goto(`http://localhost:${ALLOWED_PORT}/`);
  const res = await embedResponse;
  expect(res.status()).toBe(200);
  const headers = await res.allHeaders();
  expect(headers["content-security-policy"]).toContain(`frame-ancestors ${ALLOWED_ORIGIN}`);
  expect(headers["x-frame-options"]).toBeUndefined();
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-robots-tag"]).toContain("noindex");
  expect(headers["cache-control"]).toBe("private, no-store");
  expect(headers["set-cookie"]).toBeUndefined();

  await expect(embedFrame(page).getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(embedFrame(page).getByText("Kick-off call")).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: test.info().outputPath("embed-allowed-1280.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath("embed-allowed-390.png"), fullPage: true });

  expect((await admin.delete(`/api/v1/sharing/grants/${embed.id}`)).status()).toBe(204);
  const again = page.waitForResponse((r) => r.url().startsWith(embed.embed_url));
  await page.reload();
  expect((await again).status()).toBe(403);
  await expect(embedFrame(page).getByRole("heading", { name: "This embed is no longer available" })).toBeVisible();
  await expect(embedFrame(page).getByText(title)).toHaveCount(0);
});

test("an origin not in the grant's list is refused by Chromium (frame-ancestors)", async ({ page }) => {
  const title = "Embed refused elsewhere";
  const pocId = await newPoc(admin, title);
  snippet = (await newEmbed(pocId)).embed_snippet;

  const refused = page.waitForEvent("console", (m) => m.text().includes("frame-ancestors"));
  await page.goto(`http://localhost:${OTHER_PORT}/`);
  const message = (await refused).text();
  expect(message).toContain(`"frame-ancestors ${ALLOWED_ORIGIN}"`);
  expect(message).toMatch(/blocked|Refused to frame/);
  await expect(page.getByRole("heading", { name: "Customer intranet" })).toBeVisible();
  await expect(embedFrame(page).getByText(title)).toHaveCount(0);

  // The same snippet on the allowed origin works, so the refusal is the origin's alone.
  await page.goto(`http://localhost:${ALLOWED_PORT}/`);
  await expect(embedFrame(page).getByRole("heading", { level: 1, name: title })).toBeVisible();
});

test("comments and downloads inside the sandboxed iframe work with the token alone", async ({ page }) => {
  const title = "Embed with comments";
  const pocId = await newPoc(admin, title);
  snippet = (await newEmbed(pocId, { actions: ["view", "download", "comment"] })).embed_snippet;
  expect(snippet).toContain('sandbox="allow-forms allow-downloads"');

  await page.goto(`http://localhost:${ALLOWED_PORT}/`);
  const frame = embedFrame(page);
  await expect(frame.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await frame.getByLabel("Your name").first().fill("Iris Integrator");
  await frame.getByLabel("Your email").first().fill("iris@customer.example");
  await frame.getByLabel("Comment", { exact: true }).first().fill("Posted from inside the iframe");
  await frame.getByRole("button", { name: "Post comment" }).first().click();
  await expect(frame.getByText("Posted from inside the iframe")).toBeVisible();

  const download = page.waitForEvent("download");
  await frame.getByRole("link", { name: /CSV/ }).click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
});

test("bad tokens get a small page with their status; other pages stay unframable", async ({ request }) => {
  for (const [token, status, code] of [
    ["not-a-token", 401, "embed/invalid"],
    ["eyJhbGciOiJub25lIiwidHlwIjoicG9jLWVtYmVkK2p3dCJ9.eyJzdWIiOiJ4In0.", 401, "embed/invalid"],
  ] as const) {
    const res = await request.get(`/embed/${token}`);
    expect(res.status(), token).toBe(status);
    expect(await res.text()).toContain(code);
    expect(res.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  }
  const login = await request.get("/login");
  expect(login.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});
