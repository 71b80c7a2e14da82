/**
 * End-to-end tests against a production build served by the app's own entry server.
 * scripts/test.mjs builds the app and prepares E2E_DATA_DIR / E2E_DATABASE_URL first.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium, defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;
const dataDir = process.env.E2E_DATA_DIR ?? path.join(process.cwd(), ".data", "e2e");
/** e2e/smtp-sink.mjs: SMTP on this port, the received messages as JSON on the next one. */
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2525);
process.env.E2E_SMTP_PORT = String(smtpPort); // the specs read it to find the sink

/** Playwright's own Chromium when installed, else Debian's. */
function chromiumPath(): string {
  const bundled = (() => {
    try {
      return chromium.executablePath();
    } catch {
      return "";
    }
  })();
  if (bundled && existsSync(bundled)) return bundled;
  for (const candidate of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error(
    "No Chromium found for the end-to-end tests. Install one: `sudo apt-get install chromium` (Debian/Ubuntu), " +
      "or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium binary.",
  );
}

const ACCOUNT_WIDE = /e2e\/ui\/sessions\.spec\.ts$/;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: path.join(dataDir, "playwright.json") }]],
  outputDir: path.join(dataDir, "artifacts"),
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    },
  },
  projects: [
    // Specs that sign whole accounts out, change a demo password or lock sign-in would break
    // other specs signed in as the same demo users at the same time: they run after all others.
    { name: "chromium", use: { browserName: "chromium" }, testIgnore: ACCOUNT_WIDE },
    { name: "account-wide", use: { browserName: "chromium" }, testMatch: ACCOUNT_WIDE, dependencies: ["chromium"] },
  ],
  webServer: [
    {
      command: "node e2e/smtp-sink.mjs",
      url: `http://127.0.0.1:${smtpPort + 1}/health`,
      reuseExistingServer: false,
      timeout: 20_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { E2E_SMTP_PORT: String(smtpPort) },
    },
    {
      command: "node --import tsx server.ts",
      url: `${baseURL}/api/ready`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      env: {
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        APP_URL: baseURL,
        PGLITE_DIR: path.join(dataDir, "pglite"),
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
        APP_SECRET: "e2e-secret-with-enough-length-0123456789abcdef",
        SEED_DEMO: "true",
        NEXT_TELEMETRY_DISABLED: "1",
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        METRICS_TOKEN: process.env.E2E_METRICS_TOKEN ?? "e2e-metrics-token-0123456789",
      },
    },
  ],
});
