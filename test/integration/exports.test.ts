/**
 * Exports (#13, SECURITY 28 and 29): every format from every caller, parsed back — PDF text per
 * page, the XLSX workbook, PNG pixels, CSV rows — with the watermark and forensic id where the
 * issue puts them; the grant checked live; the access log and the id lookup; 404 and 413.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as memberExport from "@/app/api/v1/pocs/[poc_id]/[export_file]/route";
import * as exportLookup from "@/app/api/v1/exports/[export_id]/route";
import * as publicExport from "@/app/api/v1/public/pocs/[token]/[export_file]/route";
import * as publicUnlock from "@/app/api/v1/public/pocs/[token]/unlock/route";
import * as embedExport from "@/app/embed/[token]/[export_file]/route";
import * as shareExport from "@/app/share/[token]/[export_file]/route";
import { getDb } from "@/db/client";
import { shareViews, taskGroups, tasks } from "@/db/schema";
import { CLIENT_IP_HEADER } from "@/lib/api/client-ip";
import { createViewerToken } from "@/lib/embed/service";
import { createPoc, getPoc } from "@/lib/pocs/service";
import { createGrant, createPublicLink, revokeGrant } from "@/lib/sharing/service";
import { SHARE_PASS_COOKIE } from "@/lib/sharing/http";
import { actor, APP_ORIGIN, call, demoEmail, expectProblem, pocId, seed, sessionCookie, type DemoKey } from "../helpers";
import { csvRows, decodePng, pdfPages, readXlsx } from "../export-files";

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Download = { status: number; headers: Headers; bytes: Uint8Array; body: any };

async function download(route: Route, params: Record<string, string>, headers: Record<string, string> = {}, query = ""): Promise<Download> {
  const req = new Request(`${APP_ORIGIN}/export${query}`, { headers: { [CLIENT_IP_HEADER]: "203.0.113.9", "user-agent": "vitest", ...headers } });
  const res = await route(req, { params: Promise.resolve(params) });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, headers: res.headers, bytes, body: type.includes("json") ? JSON.parse(new TextDecoder().decode(bytes)) : null };
}

const asMember = async (key: DemoKey) => ({ cookie: await sessionCookie(key) });
const memberFile = async (key: DemoKey, poc: string, file: string, query = "") =>
  download(memberExport.GET as Route, { poc_id: poc, export_file: file }, await asMember(key), query);
const FORMATS = ["pdf", "png", "xlsx", "csv"] as const;
const text = (d: Download) => new TextDecoder().decode(d.bytes);
const logRow = async (exportId: string) => (await getDb().select().from(shareViews).where(eq(shareViews.exportId, exportId)))[0];

let northwind: string;
let contoso: string;

beforeAll(async () => {
  await seed();
  northwind = await pocId("northwind");
  contoso = await pocId("contoso");
});

describe("a tenant admin exports the seeded POC", () => {
  it("PDF: the POC as text on A4 pages, page numbers and the export id in every footer; Letter on request", async () => {
    const poc = await getPoc(await actor("acmeAdmin"), northwind);
    const res = await memberFile("acmeAdmin", northwind, "export.pdf");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="northwind-data-platform-pilot-\d{8}-\d{4}Z-[0-9A-Z]{10}\.pdf"/);
    const id = res.headers.get("x-export-id")!;
    const pages = await pdfPages(res.bytes);
    const all = pages.map((p) => p.text).join("\n");
    expect(pages[0]!.text).toContain(poc.title);
    expect(pages[0]!.text).toContain("Acme");
    expect(pages[0]!.text).toContain(`Customer: ${poc.customer}`);
    for (const g of poc.task_groups) {
      expect(all).toContain(g.name);
      for (const t of g.tasks) expect(all).toContain(t.title);
    }
    for (const c of poc.success_criteria) expect(all).toContain(c.description);
    const met = poc.success_criteria.filter((c) => c.status === "met").length;
    expect(all).toContain(`Success criteria — ${met} of ${poc.success_criteria.length} met`);
    for (const c of poc.comments) expect(all).toContain(c.body.slice(0, 40));
    pages.forEach((p, i) => {
      expect(p.text).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(p.text).toContain(`Export ID ${id}`);
      expect(p.width).toBeCloseTo(595.28, 1);
    });
    // Not watermarked: an admin's own POC.
    expect(all).not.toContain("Exported for");
    const letter = await pdfPages((await memberFile("acmeAdmin", northwind, "export.pdf", "?paper=letter")).bytes);
    expect([letter[0]!.width, letter[0]!.height]).toEqual([612, 792]);
  });

  it("XLSX: Tasks, Success criteria and Comments sheets with typed cells, frozen headers, filters and the id", async () => {
    const poc = await getPoc(await actor("acmeAdmin"), northwind);
    const res = await memberFile("acmeAdmin", northwind, "export.xlsx");
    expect(res.status).toBe(200);
    const id = res.headers.get("x-export-id")!;
    const wb = await readXlsx(res.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tasks", "Success criteria", "Comments"]);
    expect(wb.keywords).toContain(id);
    const ws = wb.getWorksheet("Tasks")!;
    expect(String(ws.getCell("A1").value)).toMatch(new RegExp(`^Exported on .* · Export ID ${id}$`));
    expect(ws.getRow(2).values).toEqual([undefined, "Group", "Task", "Status", "Assignee", "Due date", "Overdue"]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(2).width).toBeGreaterThan(20);
    const first = poc.task_groups[0]!.tasks[0]!;
    const row = ws.getRow(3);
    expect(row.getCell(2).value).toBe(first.title);
    expect(row.getCell(3).value).toBe({ todo: "To do", in_progress: "In progress", blocked: "Blocked", done: "Done" }[first.status]);
    if (first.due_date) expect(row.getCell(5).value).toEqual(new Date(`${first.due_date}T00:00:00Z`));
    expect(ws.rowCount).toBe(2 + poc.task_groups.reduce((n, g) => n + g.tasks.length, 0));
    expect(wb.getWorksheet("Comments")!.getRow(3).getCell(5).value).toBeInstanceOf(Date);
    expect(ws.headerFooter.oddFooter).toContain(`Export ID ${id}`);
  });

  it("PNG: a 2× summary image; CSV: the tasks with human statuses after the stamp line", async () => {
    const png = await memberFile("acmeAdmin", northwind, "export.png");
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    const image = decodePng(png.bytes);
    expect([image.width, image.height]).toEqual([2000, 1280]);

    const csv = await memberFile("acmeAdmin", northwind, "export.csv");
    expect(csv.status).toBe(200);
    const rows = csvRows(text(csv));
    expect(rows[0]![0]).toMatch(new RegExp(`^Exported on \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC · Export ID ${csv.headers.get("x-export-id")}$`));
    expect(rows[1]).toEqual(["Section", "Group", "Item", "Status", "Assignee", "Due date", "Overdue"]);
    expect(rows.slice(2).map((r) => r[3])).toContain("Done");
    expect(rows.slice(2).every((r) => !["todo", "in_progress", "done"].includes(r[3]!))).toBe(true);
  });

  it("writes each export to the access log with format, id, POC, user and IP, and the id lookup finds it", async () => {
    const res = await memberFile("acmeAdmin", northwind, "export.xlsx");
    const id = res.headers.get("x-export-id")!;
    const row = await logRow(id);
    expect(row).toMatchObject({ format: "xlsx", pocId: northwind, grantId: null, ip: "203.0.113.9", userAgent: "vitest" });
    const admin = { cookie: await sessionCookie("acmeAdmin") };
    const found = await call(exportLookup.GET as never, { params: { export_id: id.toLowerCase() }, headers: admin });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ export_id: id, format: "xlsx", poc: { id: northwind }, viewer: { kind: "user", email: demoEmail("acmeAdmin") }, ip: "203.0.113.9" });
    // Other tenants' admins, members and malformed ids learn nothing.
    expectProblem(await call(exportLookup.GET as never, { params: { export_id: id }, headers: { cookie: await sessionCookie("globexAdmin") } }), 404, "resource/not-found");
    expectProblem(await call(exportLookup.GET as never, { params: { export_id: id }, headers: { cookie: await sessionCookie("acmeMark") } }), 403, "auth/forbidden");
    expectProblem(await call(exportLookup.GET as never, { params: { export_id: "nope" }, headers: admin }), 404, "resource/not-found");
  });

  it("answers 404 for an unknown format on every export route", async () => {
    for (const file of ["export.docx", "export.PDF", "export.pdf.exe", "report.pdf"]) {
      expect((await memberFile("acmeAdmin", northwind, file)).status).toBe(404);
      expect((await download(publicExport.GET as Route, { token: "x".repeat(43), export_file: file })).status).toBe(404);
      expect((await download(shareExport.GET as Route, { token: "x".repeat(43), export_file: file })).status).toBe(404);
    }
  });
});

describe("grants decide, live", () => {
  it("a watermarked grant: the member's email on every PDF page, in the XLSX headers and first rows, the CSV first line and name", async () => {
    const admin = await actor("acmeAdmin");
    const grant = await createGrant(admin, { subject_type: "poc", subject_id: northwind, principal_type: "user", email: demoEmail("acmeMark"), actions: ["view", "download"], watermark: true });
    const email = demoEmail("acmeMark");
    try {
      const pdf = await memberFile("acmeMark", northwind, "export.pdf");
      expect(pdf.status).toBe(200);
      const pages = await pdfPages(pdf.bytes);
      for (const p of pages) {
        expect(p.text).toContain(`Exported for ${email} on`);
        // The tiled watermark itself: many copies of "email · time" on each page.
        expect(p.text.split(`${email} · `).length - 1).toBeGreaterThanOrEqual(4);
      }
      // Burned into the content, not an annotation or an optional-content layer.
      const raw = Buffer.from(pdf.bytes).toString("latin1");
      expect(raw).not.toMatch(/\/Annots|\/OCProperties|\/OC\s/);
      const logged = await logRow(pdf.headers.get("x-export-id")!);
      expect(logged).toMatchObject({ grantId: grant.id, viewerEmail: email, format: "pdf" });

      const xlsx = await readXlsx((await memberFile("acmeMark", northwind, "export.xlsx")).bytes);
      for (const ws of xlsx.worksheets) {
        expect(ws.headerFooter.oddHeader).toContain(`Exported for ${email}`);
        expect(String(ws.getCell("A1").value)).toContain(`Exported for ${email} on`);
      }

      const csv = await memberFile("acmeMark", northwind, "export.csv");
      expect(csvRows(text(csv))[0]![0]).toMatch(new RegExp(`^Exported for ${email.replace(".", "\\.")} on \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC`));
      expect(csv.headers.get("content-disposition")).toContain(`-for-${email}-`);
    } finally {
      await revokeGrant(admin, grant.id);
    }
  });

  it("a view-only grant gets 403 on every format; revoking a download grant fails the next export", async () => {
    const admin = await actor("acmeAdmin");
    const viewOnly = await createGrant(admin, { subject_type: "poc", subject_id: northwind, principal_type: "user", email: demoEmail("acmeExec"), actions: ["view"] });
    for (const f of FORMATS) expectProblem(await memberFile("acmeExec", northwind, `export.${f}`), 403, "auth/forbidden");
    await revokeGrant(admin, viewOnly.id);

    const dl = await createGrant(admin, { subject_type: "poc", subject_id: northwind, principal_type: "user", email: demoEmail("acmeExec"), actions: ["view", "download"] });
    expect((await memberFile("acmeExec", northwind, "export.csv")).status).toBe(200);
    await revokeGrant(admin, dl.id);
    for (const f of FORMATS) expectProblem(await memberFile("acmeExec", northwind, `export.${f}`), 404, "resource/not-found");
    expect(await getDb().select().from(shareViews).where(eq(shareViews.viewerUserId, (await actor("acmeExec")).userId))).toHaveLength(1);
  });

  it("a link: the email given at the gate is the watermark; a view-only link gets 403; a revoked link 403 share/revoked", async () => {
    const admin = await actor("acmeAdmin");
    const link = await createPublicLink(admin, contoso, { actions: ["view", "download"], watermark: true });
    const token = link.access_token;
    // Without the email gate passed: no file.
    expectProblem(await download(publicExport.GET as Route, { token, export_file: "export.pdf" }), 401, "share/email-required");
    const unlocked = await call(publicUnlock.POST as never, { method: "POST", params: { token }, body: { email: "casey@customer.example" } });
    const pass = unlocked.body.access_token as string;

    const pdf = await download(publicExport.GET as Route, { token, export_file: "export.pdf" }, { authorization: `Bearer ${pass}` });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("referrer-policy")).toBe("no-referrer");
    for (const p of await pdfPages(pdf.bytes)) expect(p.text).toContain("casey@customer.example · ");
    expect(await logRow(pdf.headers.get("x-export-id")!)).toMatchObject({ grantId: link.id, viewerEmail: "casey@customer.example", viewerUserId: null, ip: "203.0.113.9" });
    const found = await call(exportLookup.GET as never, { params: { export_id: pdf.headers.get("x-export-id")! }, headers: { cookie: await sessionCookie("acmeAdmin") } });
    expect(found.body).toMatchObject({ viewer: { kind: "link", email: "casey@customer.example", user: null }, grant: { id: link.id, principal_type: "link" } });

    // The share page's links carry the pass as its cookie.
    const page = await download(shareExport.GET as Route, { token, export_file: "export.xlsx" }, { cookie: `${SHARE_PASS_COOKIE}=${pass}` });
    expect(page.status).toBe(200);
    expect(String((await readXlsx(page.bytes)).getWorksheet("Tasks")!.getCell("A1").value)).toContain("Exported for casey@customer.example");

    await revokeGrant(admin, link.id);
    for (const f of FORMATS) expectProblem(await download(publicExport.GET as Route, { token, export_file: `export.${f}` }, { authorization: `Bearer ${pass}` }), 403, "share/revoked");

    const viewOnly = await createPublicLink(admin, contoso, {});
    for (const f of FORMATS) expectProblem(await download(shareExport.GET as Route, { token: viewOnly.access_token, export_file: `export.${f}` }), 403, "auth/forbidden");
    await revokeGrant(admin, viewOnly.id);
  });
});

describe("embeds", () => {
  it("an embed viewer's files carry the viewer its token names; the lookup shows it; view-only embeds get 403", async () => {
    const admin = await actor("acmeAdmin");
    const grant = await createGrant(admin, { subject_type: "poc", subject_id: contoso, principal_type: "embed", embed_origins: ["https://portal.partner.example"], actions: ["view", "download"], watermark: true } as never);
    const { token } = await createViewerToken(admin, grant.id, { viewer: "vera@partner.example", ttl_seconds: 600 });
    const pdf = await download(embedExport.GET as Route, { token, export_file: "export.pdf" });
    expect(pdf.status).toBe(200);
    for (const p of await pdfPages(pdf.bytes)) expect(p.text).toContain("Exported for vera@partner.example on");
    const id = pdf.headers.get("x-export-id")!;
    expect(await logRow(id)).toMatchObject({ grantId: grant.id, viewerEmail: "vera@partner.example", format: "pdf" });
    const found = await call(exportLookup.GET as never, { params: { export_id: id }, headers: { cookie: await sessionCookie("acmeAdmin") } });
    expect(found.body).toMatchObject({ viewer: { kind: "embed", email: "vera@partner.example" }, grant: { id: grant.id, principal_type: "embed" } });
    // An integrator's opaque viewer id is the watermark too, and is logged as such.
    const opaque = await createViewerToken(admin, grant.id, { viewer: "crm-user-4711", ttl_seconds: 600 });
    const csv = await download(embedExport.GET as Route, { token: opaque.token, export_file: "export.csv" });
    expect(csvRows(text(csv))[0]![0]).toMatch(/^Exported for crm-user-4711 on /);
    expect(await logRow(csv.headers.get("x-export-id")!)).toMatchObject({ viewerEmail: null, viewerExternalId: "crm-user-4711" });
    await revokeGrant(admin, grant.id);
    expectProblem(await download(embedExport.GET as Route, { token, export_file: "export.png" }), 403, "share/revoked");
  });
});

describe("limits and hostile content", () => {
  it("a POC over 5,000 tasks is 413 with the limit, before any rendering or logging", async () => {
    const admin = await actor("acmeAdmin");
    const poc = await createPoc(admin, { title: "Huge rollout", description: "", customer: "", objectives: "", status: "active" });
    const [group] = await getDb().insert(taskGroups).values({ pocId: poc.id, name: "Everything", position: 0 }).returning();
    const rows = Array.from({ length: 5001 }, (_, i) => ({ pocId: poc.id, groupId: group!.id, title: `Task ${i}`, position: i }));
    for (let i = 0; i < rows.length; i += 1000) await getDb().insert(tasks).values(rows.slice(i, i + 1000));
    for (const f of FORMATS) {
      const res = await memberFile("acmeAdmin", poc.id, `export.${f}`);
      const body = expectProblem(res, 413, "export/too-large");
      expect(body.detail).toContain("5,001 tasks");
      expect(body.limits.tasks).toBe(5000);
    }
    expect(await getDb().select().from(shareViews).where(eq(shareViews.pocId, poc.id))).toHaveLength(0);
  });

  it("CSV cells never start a formula, in a , or ; locale, whatever the task titles", async () => {
    const admin = await actor("acmeAdmin");
    const poc = await createPoc(admin, { title: "Formulas", description: "", customer: "", objectives: "", status: "active" });
    const [group] = await getDb().insert(taskGroups).values({ pocId: poc.id, name: "@group", position: 0 }).returning();
    const hostile = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=tab", " =space", "\u00a0=nbsp", "ok;=HYPERLINK(\"http://x\")", "ok, +1", "ok;\u00a0@x", "\uff1d1", "a;b;-c"];
    await getDb().insert(tasks).values(hostile.map((title, i) => ({ pocId: poc.id, groupId: group!.id, title, position: i })));
    const body = text(await memberFile("acmeAdmin", poc.id, "export.csv"));
    // However a spreadsheet splits the line (on , or ;, honouring quotes or not), no piece
    // starts — after spaces, NBSP and an opening quote — with a formula trigger.
    for (const line of body.replace(/^\uFEFF/, "").split("\r\n")) {
      for (const piece of line.split(/[,;]/)) expect(piece.replace(/^[\s\u00a0"]+/, "")).not.toMatch(/^[=+\-@\uff1d\uff0b\uff0d\uff20]/);
    }
    // And the text is still there, after the neutralising quote.
    const items = csvRows(body).slice(2).map((r) => r[2]);
    expect(items).toContain("'=1+1");
    expect(items).toContain("ok;'=HYPERLINK(\"http://x\")");
  });
});
