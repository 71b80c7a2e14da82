/**
 * The Excel export (exceljs): one sheet per part — Tasks, Success criteria, Comments (when the
 * viewer may see comments) — each with the stamp as a visible first row, a frozen header row,
 * an auto filter, column widths, typed cells (dates are dates, statuses are words), and the
 * watermark / export id in every sheet's header and footer. Strings are written as strings,
 * never as formulas, so no cell can run anything.
 */
import ExcelJS from "exceljs";
import type { PocView, PocViewComment } from "../../pocs/view-model";
import { stampLine, stampTime, type ExportStamp } from "../stamp";
import { statusLabel } from "./labels";

type Column = { header: string; width: number; date?: boolean };

/** "&" starts a header/footer code in Excel: user text doubles it. */
const hf = (text: string) => text.replaceAll("&", "&&");

const dateOnly = (iso: string | null): Date | null => (iso ? new Date(`${iso}T00:00:00Z`) : null);

function addSheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: (string | number | Date | null)[][], stamp: ExportStamp) {
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 2 }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = columns.map((c, i) => ({ key: `c${i}`, width: c.width, style: c.date ? { numFmt: "yyyy-mm-dd" } : {} }));
  const notice = ws.addRow([stampLine(stamp)]);
  notice.font = { italic: true, color: { argb: "FF555555" } };
  ws.mergeCells(1, 1, 1, columns.length);
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEEF1F5" } };
  for (const r of rows) ws.addRow(r);
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: Math.max(2, rows.length + 2), column: columns.length } };
  const who = stamp.watermarkEmail ? `Exported for ${hf(stamp.watermarkEmail)} on ${stampTime(stamp.exportedAt)}` : `Exported on ${stampTime(stamp.exportedAt)}`;
  ws.headerFooter.oddHeader = `&L${who}&R${hf(name)}`;
  ws.headerFooter.oddFooter = `&L${who}&CPage &P of &N&RExport ID ${stamp.exportId}`;
  return ws;
}

function flatComments(threads: PocViewComment[], out: (string | Date | null)[][] = [], depth = 0, thread = 0): (string | Date | null)[][] {
  threads.forEach((c, i) => {
    const n = depth === 0 ? i + 1 : thread;
    out.push([n, depth === 0 ? "Comment" : "Reply", c.author_name, c.author_kind === "guest" ? "Guest" : "Member", new Date(c.created_at), c.body] as (string | Date | null)[]);
    flatComments(c.replies, out, depth + 1, n);
  });
  return out;
}

export async function renderXlsx(view: PocView, stamp: ExportStamp): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "poc-manager";
  wb.created = new Date(stamp.exportedAt);
  wb.title = view.title;
  wb.subject = view.customer;
  wb.keywords = `export-id:${stamp.exportId}`;
  wb.description = stampLine(stamp);
  if (view.organisation) wb.company = view.organisation;

  const tasks = view.task_groups.flatMap((g) =>
    g.tasks.map((t) => [g.name, t.title, statusLabel("task", t.status), t.assignee_name, dateOnly(t.due_date), t.overdue ? "Overdue" : ""]),
  );
  addSheet(
    wb,
    "Tasks",
    [{ header: "Group", width: 24 }, { header: "Task", width: 48 }, { header: "Status", width: 14 }, { header: "Assignee", width: 22 }, { header: "Due date", width: 12, date: true }, { header: "Overdue", width: 10 }],
    tasks,
    stamp,
  );
  addSheet(
    wb,
    "Success criteria",
    [{ header: "Criterion", width: 64 }, { header: "Status", width: 12 }],
    view.success_criteria.map((c) => [c.description, statusLabel("criterion", c.status)]),
    stamp,
  );
  if (view.comments) {
    const ws = addSheet(
      wb,
      "Comments",
      [{ header: "Thread", width: 8 }, { header: "Kind", width: 18 }, { header: "Author", width: 22 }, { header: "Author type", width: 12 }, { header: "Posted at", width: 18 }, { header: "Comment", width: 80 }],
      flatComments(view.comments),
      stamp,
    );
    ws.getColumn(5).numFmt = "yyyy-mm-dd hh:mm";
    ws.getColumn(6).alignment = { wrapText: true, vertical: "top" };
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
