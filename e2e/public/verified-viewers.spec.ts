import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { freshLink, newPoc, signIn, signedInApi } from "../helpers";
import { openPublicLink } from "../ui/share-helpers";

// Issue 18: verified viewers, end to end through the real SMTP sink (e2e/smtp-sink.mjs).
const sinkUrl = `http://127.0.0.1:${Number(process.env.E2E_SMTP_PORT ?? 2525) + 1}`;
const suffix = () => randomBytes(4).toString("hex");
const shots = process.env.E2E_SCREENSHOTS_DIR;

type SinkMessage = { to: string[]; subject: string; text: string };

let admin: APIRequestContext;
let sink: APIRequestContext;
test.beforeAll(async ({ playwright, baseURL }) => {
  admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
  sink = await playwright.request.newContext();
});
test.afterAll(async () => {
  await admin.dispose();
  await sink.dispose();
});

const messagesTo = async (email: string): Promise<SinkMessage[]> =>
  ((await (await sink.get(`${sinkUrl}/messages`)).json()) as SinkMessage[]).filter((m) => m.to.includes(email));

/** Waits for the `n`th code email to `email` and returns its code (checking it carries no link). */
async function codeFromSink(email: string, n = 1): Promise<string> {
  await expect.poll(async () => (await messagesTo(email)).length, { timeout: 20_000, message: `code email #${n} to ${email}` }).toBeGreaterThanOrEqual(n);
  const message = (await messagesTo(email))[n - 1]!;
  expect(message.subject).toBe("Your poc-manager verification code");
  expect(message.text).not.toMatch(/https?:\/\//);
  expect(message.text).not.toContain("/share/");
  return /\b(\d{6})\b/.exec(message.text)![1]!;
}

async function visitor(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

async function askForCode(page: Page, email: string) {
  await expect(page.getByRole("heading", { name: "Verify your email" })).toBeVisible();
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send code" }).click();
}

async function enterCode(page: Page, code: string) {
  await page.getByLabel("Verification code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

async function screenshot(page: Page, name: string) {
  if (!shots) return;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("an allow-listed viewer gets a code by email, enters it and sees the POC under their watermarked email", async ({ browser }) => {
  const pocId = await newPoc(admin, `Verified POC ${suffix()}`);
  const link = await freshLink(admin, pocId, { allowed_viewers: ["@initech.example"], watermark: true });
  const email = `dana.${suffix()}@initech.example`;
  const page = await visitor(browser);
  const gate = await page.goto(link.url);
  expect(gate!.status()).toBe(401);
  await expect(page.getByText("The email has no link in it")).toBeVisible();
  await screenshot(page, "verify-email-gate");
  await askForCode(page, email);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText(`We sent a 6-digit code to ${email}`)).toBeVisible();
  await screenshot(page, "verify-code-gate");
  await enterCode(page, await codeFromSink(email));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Verified POC/);
  await expect(page.locator("[data-watermark]")).toHaveAttribute("data-watermark", email);
  await screenshot(page, "verified-view");
  await page.context().close();
});

test("a viewer outside the allow list is refused before any email is sent", async ({ browser }) => {
  const pocId = await newPoc(admin, `Allow list POC ${suffix()}`);
  const link = await freshLink(admin, pocId, { allowed_viewers: ["@initech.example"] });
  const email = `eve.${suffix()}@elsewhere.example`;
  const page = await visitor(browser);
  await page.goto(link.url);
  await askForCode(page, email);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("This email address cannot view this link. Ask the person who shared it for access.");
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  // Give a wrongly sent email every chance to arrive: a listed address asked afterwards arrives, the refused one never did.
  const listed = `ok.${suffix()}@initech.example`;
  await page.getByLabel("Email address").fill(listed);
  await page.getByRole("button", { name: "Send code" }).click();
  await codeFromSink(listed);
  expect(await messagesTo(email)).toEqual([]);
  await page.context().close();
});

test("five wrong codes lock that code; a new code works", async ({ browser }) => {
  const pocId = await newPoc(admin, `Lockout POC ${suffix()}`);
  const link = await freshLink(admin, pocId, { require_verified_email: true });
  const email = `tries.${suffix()}@customer.example`;
  const page = await visitor(browser);
  await page.goto(link.url);
  await askForCode(page, email);
  const code = await codeFromSink(email);
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
  for (const left of ["4 tries", "3 tries", "2 tries", "1 try"]) {
    await enterCode(page, wrong);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(`That code is not correct. ${left} left.`);
  }
  await enterCode(page, wrong);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Too many wrong codes: this code no longer works. Ask for a new code.");
  await enterCode(page, code);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Too many wrong codes: this code no longer works. Ask for a new code.");
  await screenshot(page, "verify-code-locked");

  await page.getByRole("button", { name: "Send a new code" }).click();
  await enterCode(page, await codeFromSink(email, 2));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Lockout POC/);
  await page.context().close();
});

test("a deny entry added in the Share dialog ends a verified viewer's access on the next request; a forwarded link asks for a code again", async ({ page, browser }) => {
  const pocId = await newPoc(admin, `Deny POC ${suffix()}`);
  const link = await freshLink(admin, pocId, { require_verified_email: true });
  const email = `sam.${suffix()}@initech.example`;
  const viewer = await visitor(browser);
  await viewer.goto(link.url);
  await askForCode(viewer, email);
  await enterCode(viewer, await codeFromSink(email));
  await expect(viewer.getByRole("heading", { level: 1 })).toHaveText(/Deny POC/);

  // Forwarded: the same URL in a fresh browser proves nothing.
  const forwarded = await visitor(browser);
  const res = await forwarded.goto(link.url);
  expect(res!.status()).toBe(401);
  await expect(forwarded.getByRole("heading", { name: "Verify your email" })).toBeVisible();
  await expect(forwarded.getByText(/Deny POC/)).toHaveCount(0);
  await forwarded.context().close();

  // The admin blocks Sam in the Share dialog's link settings.
  await signIn(page, "acmeAdmin");
  const dialog = await openPublicLink(page, pocId, { settings: true });
  await expect(dialog.getByLabel("Viewers verify their email with a one-time code")).toBeChecked();
  const blocked = dialog.getByLabel("Blocked viewers");
  await blocked.fill("not an email");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByText("“not” is not an email address or a domain like @example.com.")).toBeVisible();
  await expect(blocked).toHaveAttribute("aria-invalid", "true");
  await blocked.fill(email.toUpperCase());
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByText("Saved: who can view.")).toBeVisible();
  await expect(blocked).toHaveValue(email);
  await screenshot(page, "share-dialog-who-can-view");

  const after = await viewer.reload();
  expect(after!.status()).toBe(401);
  await expect(viewer.getByRole("heading", { name: "Verify your email" })).toBeVisible();
  await askForCode(viewer, email);
  await expect(viewer.getByRole("main").getByRole("alert")).toHaveText(/cannot view this link/);
  expect(await messagesTo(email)).toHaveLength(1);
  await viewer.context().close();
});

test("scanning the links of the code email and of the share page spends nothing", async ({ browser, request }) => {
  const pocId = await newPoc(admin, `Scanner POC ${suffix()}`);
  const link = await freshLink(admin, pocId, { require_verified_email: true });
  const email = `scan.${suffix()}@customer.example`;
  const page = await visitor(browser);
  await page.goto(link.url);
  await askForCode(page, email);
  const code = await codeFromSink(email);
  // A scanner follows every URL with GETs, even with the code in the query.
  for (const url of [link.url, `${link.url}?code=${code}`, `${link.url}?intent=verify-code&code=${code}`]) {
    expect((await request.get(url)).status()).toBe(401);
    expect((await page.context().request.get(url)).status()).toBe(401);
  }
  await page.reload();
  await enterCode(page, code);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Scanner POC/);
  await page.context().close();
});
