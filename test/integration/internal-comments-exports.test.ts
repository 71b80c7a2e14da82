/**
 * Issue 17: internal comments never appear on share pages, embeds or exports — not even in a
 * member's or admin's own export (exports are what gets sent to customers). Checked in the
 * bytes of every text format, beside a public comment that must be there, and on the embed page.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as memberExport from "@/app/api/v1/pocs/[poc_id]/[export_file]/route";
import { CLIENT_IP_HEADER } from "@/lib/api/client-ip";
import { loadEmbedPage } from "@/lib/embed/page";
import { createViewerToken } from "@/lib/embed/service";
import { addComment } from "@/lib/pocs/service";
import { createGrant } from "@/lib/sharing/service";
import { actor, APP_ORIGIN, demoEmail, pocId, seed, sessionCookie, type DemoKey } from "../helpers";
import { csvRows, pdfPages, readXlsx } from "../export-files";
import { onRequest } from "../next-request";

vi.mock("next/headers", async () => (await import("../next-request")).nextHeadersMock);

const PUBLIC = "Public note for the customer: rollout on track";
const INTERNAL = "Internal only: discount ceiling is 18 percent";
const INTERNAL_REPLY = "Internal reply: do not mention the ceiling";

let contoso: string; // Acme, owned by Mark

beforeAll(async () => {
  await seed();
  contoso = await pocId("contoso");
  const admin = await actor("acmeAdmin");
  // Mia: a member of the same tenant with a download grant (an insider, not the owner).
  await createGrant(admin, { subject_type: "poc", subject_id: contoso, principal_type: "user", email: demoEmail("acmeMia"), actions: ["view", "download", "comment"] });
  const shown = await addComment(admin, contoso, { body: PUBLIC });
  await addComment(admin, contoso, { body: INTERNAL, internal: true });
  // An internal reply under a public comment: the thread stays, the reply does not.
  await addComment(admin, contoso, { body: INTERNAL_REPLY, parent_id: shown.id, internal: true });
});

async function exportText(key: DemoKey, format: "pdf" | "xlsx" | "csv"): Promise<string> {
  const req = new Request(`${APP_ORIGIN}/export`, { headers: { [CLIENT_IP_HEADER]: "203.0.113.9", "user-agent": "vitest", cookie: await sessionCookie(key) } });
  const res = await memberExport.GET(req as never, { params: Promise.resolve({ poc_id: contoso, export_file: `export.${format}` }) });
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (format === "pdf") return (await pdfPages(bytes)).map((p) => p.text).join("\n");
  if (format === "csv") return csvRows(new TextDecoder().decode(bytes)).flat().join("\n");
  const cells: string[] = [];
  for (const ws of (await readXlsx(bytes)).worksheets) ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
  return cells.join("\n");
}

/** The PDF wraps long lines: compare with whitespace collapsed. */
const flat = (text: string) => text.replace(/\s+/g, " ");

describe("exports never carry internal comments", () => {
  for (const key of ["acmeAdmin", "acmeMark", "acmeMia"] as const) {
    it(`${key}'s own CSV, XLSX and PDF leave them out (and the "internal" marks), public comments stay`, async () => {
      for (const format of ["pdf", "xlsx", "csv"] as const) {
        const text = flat(await exportText(key, format));
        for (const secret of [INTERNAL, INTERNAL_REPLY]) {
          expect(text, format).not.toContain(flat(secret).slice(0, 30));
          expect(text, format).not.toContain(secret.split(":")[1]!.trim().slice(0, 20));
        }
        expect(text, format).not.toMatch(/\binternal\b/i);
        // The CSV holds tasks and criteria only; the PDF and the XLSX hold the comments.
        if (format !== "csv") expect(text, format).toContain(flat(PUBLIC).slice(0, 30));
      }
    });
  }
});

describe("the embed page never shows internal comments", () => {
  it("renders the public comment and not the internal ones", async () => {
    const admin = await actor("acmeAdmin");
    const grant = await createGrant(admin, {
      subject_type: "poc",
      subject_id: contoso,
      principal_type: "embed",
      embed_origins: ["https://intranet.example.com"],
      actions: ["view", "comment"],
    } as never);
    const { token } = await createViewerToken(admin, grant.id, { viewer: "vera@partner.example", ttl_seconds: 600 });
    const res = await onRequest({ headers: { [CLIENT_IP_HEADER]: "198.51.100.7", "user-agent": "page-test" } }, () => loadEmbedPage(token));
    expect(res.status).toBe(200);
    const view = JSON.stringify(res.result);
    expect(view).toContain(PUBLIC);
    expect(view).not.toContain(INTERNAL);
    expect(view).not.toContain(INTERNAL_REPLY);
  });
});
