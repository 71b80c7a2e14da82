import { expect, test } from "@playwright/test";

// The signed-in app's pages: a CSP whose nonce changes per response and is on every inline
// script, no plugins, no <base>, no framing; no HSTS over plain http (the e2e server).
test("app pages send a per-request nonce CSP that their own scripts carry", async ({ page, request }) => {
  const nonces = new Set<string>();
  for (const path of ["/login", "/login", "/does-not-exist"]) {
    const res = await request.get(path);
    const csp = res.headers()["content-security-policy"] ?? "";
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp, path).toContain(directive);
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce, path).toBeTruthy();
    nonces.add(nonce!);
    const html = await res.text();
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) if (!/\ssrc="\/_next\//.test(tag)) expect(tag, path).toContain(`nonce="${nonce}"`);
    expect(res.headers()["x-frame-options"]).toBe("DENY");
    expect(res.headers()).not.toHaveProperty("strict-transport-security");
  }
  expect(nonces.size).toBe(3);

  // And the page works under it: no CSP violation while signing in.
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto("/login");
  await page.getByLabel("Email").fill("admin@acme.test");
  await page.getByLabel("Password").fill("demo-pass-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/pocs$/);
  expect(violations).toEqual([]);
});
