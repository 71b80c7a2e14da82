/**
 * Downloads from the browser (#13): every format from the POC page's Download menu and from the
 * share page, each file parsed; the watermark of a watermarked grant; no Download control for
 * a view-only grant; an export id found again in Settings → Shared links.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext, type Download, type Page } from "@playwright/test";
import { csvRows, decodePng, pdfPages, readXlsx } from "../../test/export-files";
import { freshLink, newPoc, signIn, signedInApi, USERS } from "../helpers";

// Each test renders and parses a dozen files: on a shared 2-core machine that takes a while.
test.describe.configure({ timeout: 90_000 });

let admin: APIRequestContext;
test.beforeAll(async ({ playwright, baseURL }) => {
  admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
});
test.afterAll(async () => admin.dispose());

const bytesOf = async (d: Download) => new Uint8Array(await readFile((await d.path())!));

/** Clicks a menu/link entry and returns the download it starts. */
async function downloadVia(page: Page, click: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return download;
}

async function fromMenu(page: Page, label: string): Promise<Download> {
  return downloadVia(page, async () => {
    await page.getByRole("button", { name: "Download" }).click();
    await page.getByRole("menuitem", { name: label }).click();
  });
}

/** Checks one downloaded file of each kind against the POC; returns the PDF's pages. */
async function expectFiles(files: Record<"pdf" | "letter" | "png" | "xlsx" | "csv", Download>, title: string, task: string) {
  const pages = await pdfPages(await bytesOf(files.pdf));
  expect(pages[0]!.text).toContain(title);
  expect(pages[0]!.text).toContain(task);
  expect(pages[0]!.width).toBeCloseTo(595.28, 1);
  expect((await pdfPages(await bytesOf(files.letter)))[0]!.width).toBe(612);
  const png = decodePng(await bytesOf(files.png));
  expect([png.width, png.height]).toEqual([2000, 1280]);
  const wb = await readXlsx(await bytesOf(files.xlsx));
  expect(wb.getWorksheet("Tasks")!.getRow(3).getCell(2).value).toBe(task);
  const rows = csvRows(new TextDecoder().decode(await bytesOf(files.csv)));
  expect(rows.some((r) => r[2] === task && r[3] === "Done")).toBe(true);
  for (const [kind, d] of Object.entries(files)) expect(d.suggestedFilename()).toMatch(new RegExp(`-[0-9A-Z]{10}\\.${kind === "letter" ? "pdf" : kind}$`));
  return pages;
}

const MENU = { pdf: "PDF document (A4)", letter: "PDF document (US Letter)", png: "PNG summary image", xlsx: "Excel workbook (.xlsx)", csv: "CSV of tasks" } as const;

test("a member downloads every format from the POC page's Download menu", async ({ browser, baseURL }) => {
  const id = await newPoc(admin, "Export acceptance");
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, "acmeAdmin");
  await page.goto(`${baseURL}/pocs/${id}`);

  // The menu opens from the keyboard too, and Escape closes it.
  const button = page.getByRole("button", { name: "Download" });
  await button.focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menu", { name: "Download this POC" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: MENU.pdf })).toBeFocused();
  await page.screenshot({ path: test.info().outputPath("download-menu-1280.png") });
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(button).toBeFocused();

  const files = {} as Record<keyof typeof MENU, Download>;
  for (const [kind, label] of Object.entries(MENU)) files[kind as keyof typeof MENU] = await fromMenu(page, label);
  await expectFiles(files, "Export acceptance", "Kick-off call");

  await page.setViewportSize({ width: 390, height: 844 });
  await button.click();
  await expect(page.getByRole("menuitem", { name: MENU.csv })).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath("download-menu-390.png") });
  await context.close();
});

test("a watermarked grant's files carry the member's email; a view-only member has no Download control", async ({ browser, baseURL }) => {
  const id = await newPoc(admin, "Watermarked export");
  const grant = await admin.post("/api/v1/sharing/grants", { data: { subject_type: "poc", subject_id: id, principal_type: "user", email: USERS.acmeExec, actions: ["view", "download"], watermark: true } });
  expect(grant.status()).toBe(201);
  const viewOnly = await admin.post("/api/v1/sharing/grants", { data: { subject_type: "poc", subject_id: id, principal_type: "user", email: USERS.acmeMia, actions: ["view"] } });
  expect(viewOnly.status()).toBe(201);

  const exec = await browser.newContext({ acceptDownloads: true });
  const page = await exec.newPage();
  await signIn(page, "acmeExec");
  await page.goto(`${baseURL}/pocs/${id}`);
  await page.getByRole("button", { name: "Download" }).click();
  await expect(page.getByText("Files carry your email, the time and an export id.")).toBeVisible();
  await page.keyboard.press("Escape");
  const pdf = await fromMenu(page, MENU.pdf);
  expect(pdf.suggestedFilename()).toContain(`-for-${USERS.acmeExec}-`);
  for (const p of await pdfPages(await bytesOf(pdf))) expect(p.text).toContain(`Exported for ${USERS.acmeExec} on`);
  await exec.close();

  const mia = await browser.newContext();
  const miaPage = await mia.newPage();
  await signIn(miaPage, "acmeMia");
  await miaPage.goto(`${baseURL}/pocs/${id}`);
  await expect(miaPage.getByRole("heading", { level: 1, name: "Watermarked export" })).toBeVisible();
  await expect(miaPage.getByRole("button", { name: "Download" })).toHaveCount(0);
  expect((await miaPage.request.get(`${baseURL}/api/v1/pocs/${id}/export.pdf`)).status()).toBe(403);
  await mia.close();
});

test("a link viewer downloads every format from the share page; the admin finds the export by its id", async ({ browser, baseURL }) => {
  const id = await newPoc(admin, "Shared export");
  const link = await freshLink(admin, id, { actions: ["view", "download"], watermark: true });
  const visitor = await browser.newContext({ acceptDownloads: true });
  const page = await visitor.newPage();
  await page.goto(link.url);
  await page.getByLabel("Email address").fill("dana@customer.example");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Shared export" })).toBeVisible();
  const files = {} as Record<keyof typeof MENU, Download>;
  for (const [kind, label] of Object.entries(MENU)) files[kind as keyof typeof MENU] = await downloadVia(page, () => page.getByRole("link", { name: label }).click());
  const pages = await expectFiles(files, "Shared export", "Kick-off call");
  for (const p of pages) expect(p.text).toContain("Exported for dana@customer.example on");
  const exportId = /Export ID ([0-9A-Z]{10})/.exec(pages[0]!.text)![1]!;
  await visitor.close();

  const adminPage = await browser.newPage();
  await signIn(adminPage, "acmeAdmin");
  await adminPage.goto(`${baseURL}/settings/shared-links`);
  await adminPage.getByLabel("Export id").fill(exportId.toLowerCase());
  await adminPage.getByRole("button", { name: "Look up" }).click();
  const record = adminPage.getByLabel(`Export ${exportId}`);
  await expect(record.getByRole("definition").filter({ hasText: "dana@customer.example" })).toBeVisible();
  await expect(record.getByText("Public link", { exact: true })).toBeVisible();
  await expect(record.getByRole("link", { name: "Shared export" })).toBeVisible();
  await expect(record.getByText(`${exportId} · PDF`)).toBeVisible();
  await adminPage.screenshot({ path: test.info().outputPath("export-lookup.png"), fullPage: true });
  await adminPage.close();
});
