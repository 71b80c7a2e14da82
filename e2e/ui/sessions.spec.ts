/**
 * SECURITY 24-26 in the browser: signing out ends the session on the server (a copied cookie
 * stops working), "sign out everywhere" and a password change on the Account page, the
 * sign-in rate limit's message, and callbackUrl values that would leave the site.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD, signIn, USERS } from "../helpers";

const SESSION_COOKIE = "next-auth.session-token";

// These flows sign in several times; each sign-in runs Argon2 (one at a time per server).
test.describe.configure({ timeout: 120_000 });

async function sessionCookieOf(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(cookie, "signed in").toBeTruthy();
  return cookie!;
}

/** What the API says to a request carrying only this cookie (a thief's copy). */
async function statusWithCopiedCookie(page: Page, cookie: { name: string; value: string }): Promise<number> {
  const res = await page.request.fetch("/api/v1/pocs", { headers: { cookie: `${cookie.name}=${cookie.value}` } });
  return res.status();
}

test("signing out ends the session on the server: a copied cookie stops working", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "acmeMia");
  const cookie = await sessionCookieOf(context);
  const thief = await browser.newContext();
  const thiefPage = await thief.newPage();
  expect(await statusWithCopiedCookie(thiefPage, cookie)).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await statusWithCopiedCookie(thiefPage, cookie)).toBe(401);
  await context.close();
  await thief.close();
});

test("the Account page: sign out everywhere ends every session", async ({ browser }) => {
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const [a, b] = [await laptop.newPage(), await phone.newPage()];
  await signIn(a, "acmeExec");
  await signIn(b, "acmeExec");
  const phoneCookie = await sessionCookieOf(phone);
  await a.getByRole("link", { name: "Account" }).click();
  await expect(a.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await a.getByRole("button", { name: "Sign out everywhere" }).click();
  const dialog = a.getByRole("dialog", { name: "Sign out everywhere?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(a).toHaveURL(/\/login/);
  expect(await statusWithCopiedCookie(a, phoneCookie)).toBe(401);
  await b.reload();
  await expect(b).toHaveURL(/\/login/);
  await laptop.close();
  await phone.close();
});

test("the Account page: a password change keeps this session and ends the others", async ({ browser }) => {
  const mine = await browser.newContext();
  const other = await browser.newContext();
  const [page, otherPage] = [await mine.newPage(), await other.newPage()];
  await signIn(page, "acmeMark");
  await signIn(otherPage, "acmeMark");
  const otherCookie = await sessionCookieOf(other);
  await page.goto("/account");
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`account-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  await page.getByLabel("Current password").fill("not-the-password");
  await page.getByLabel("New password").fill("mark-new-password-1");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("This is not your current password")).toBeVisible();

  await page.getByLabel("Current password").fill(DEMO_PASSWORD);
  await page.getByLabel("New password").fill("mark-new-password-1");
  await page.getByRole("button", { name: "Change password" }).click();
  // Earlier specs may have left sessions of Mark's too: at least the other browser's ended.
  await expect(page.getByRole("status")).toContainText(/Password changed\. \d+ other sessions? signed out\./);
  expect(await statusWithCopiedCookie(page, otherCookie)).toBe(401);
  await page.goto("/pocs");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // Put the demo password back (the next runs and specs sign in with it).
  await page.goto("/account");
  await page.getByLabel("Current password").fill("mark-new-password-1");
  await page.getByLabel("New password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Password changed.");
  await mine.close();
  await other.close();
});

test("sign-in is locked after 5 failures, with the same message for unknown emails", async ({ page }) => {
  const tryOnce = async (email: string, password: string) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    // The form's own alert (Next's route announcer is an alert region too).
    return page.locator("form").getByRole("alert").textContent();
  };
  // Use addresses of their own: the limit is per typed email (and per IP, counting failures only).
  for (const email of ["locked-e2e@acme.test", `nobody-${Date.now()}@acme.test`]) {
    for (let i = 0; i < 5; i++) expect(await tryOnce(email, `wrong-${i}`)).toContain("Invalid email or password.");
    expect(await tryOnce(email, "wrong-again")).toContain("Too many sign-in attempts");
  }
});

test("callbackUrl values that leave the site land on /pocs; a malformed one is no 500", async ({ page }) => {
  for (const callbackUrl of ["/.//evil.example", "//evil.example", "/\\evil.example", "https://evil.example/", "/%2F%2Fevil.example"]) {
    const res = await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    expect(res!.status()).toBe(200);
    await page.getByLabel("Email").fill(USERS.acmeAdmin);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/pocs$/);
    await page.context().clearCookies();
  }
  const malformed = await page.goto("/login?callbackUrl=%E0%A4%A");
  expect(malformed!.status()).toBe(200);
});
