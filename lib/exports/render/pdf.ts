/**
 * The PDF export (pdfkit): the POC as a document — title block, overview, task groups and
 * tasks, success criteria, comment threads — with page numbers and the stamp in every footer.
 * Text stays text (embedded DejaVu Sans with a ToUnicode map: selectable and searchable). For a
 * watermarked grant every page gets the viewer's email and the export time tiled diagonally
 * into the page's own content stream, over the content: no annotation, no optional layer.
 */
import PDFDocument from "pdfkit";
import type { PocView, PocViewComment, PocViewGroup } from "../../pocs/view-model";
import type { PaperSize } from "../formats";
import { stampLine, watermarkText, type ExportStamp } from "../stamp";
import { pdfFonts } from "./fonts";
import { formatDate, statusLabel } from "./labels";

type Doc = PDFKit.PDFDocument;

const INK = "#1a1f2b";
const MUTED = "#5b6472";
const ACCENT = "#2f5bd3";
const DANGER = "#b42318";
const RULE = "#d9dee7";
const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };

const contentWidth = (doc: Doc) => doc.page.width - MARGIN.left - MARGIN.right;
const bottom = (doc: Doc) => doc.page.height - MARGIN.bottom;

/** Starts a new page when fewer than `needed` points are left on this one. */
function ensureSpace(doc: Doc, needed: number): boolean {
  if (doc.y + needed <= bottom(doc)) return false;
  doc.addPage();
  return true;
}

function heading(doc: Doc, text: string, size = 14) {
  ensureSpace(doc, size * 3);
  doc.moveDown(0.6).font("bold").fontSize(size).fillColor(INK).text(text, MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

function paragraph(doc: Doc, text: string, options: { color?: string; size?: number; indent?: number } = {}) {
  if (!text.trim()) return;
  const indent = options.indent ?? 0;
  doc.font("regular").fontSize(options.size ?? 10).fillColor(options.color ?? INK);
  doc.text(text, MARGIN.left + indent, doc.y, { width: contentWidth(doc) - indent, lineGap: 2 });
}

function titleBlock(doc: Doc, view: PocView) {
  if (view.organisation) doc.font("bold").fontSize(10).fillColor(MUTED).text(view.organisation);
  doc.font("bold").fontSize(20).fillColor(INK).text(view.title, { width: contentWidth(doc) });
  const dates = view.start_date || view.end_date ? `${formatDate(view.start_date)} – ${formatDate(view.end_date)}` : "No dates set";
  const facts = [view.customer && `Customer: ${view.customer}`, `Status: ${statusLabel("poc", view.status)}`, dates].filter(Boolean).join("   ·   ");
  doc.moveDown(0.3).font("regular").fontSize(10).fillColor(MUTED).text(facts, { width: contentWidth(doc) });
  if (view.shared_by) doc.text(`Shared by ${view.shared_by.name} on ${formatDate(view.shared_by.at.slice(0, 10))}`);
  const p = view.progress;
  doc.moveDown(0.3).fillColor(ACCENT).text(`Tasks: ${p.tasks_done} of ${p.tasks_total} done   ·   Success criteria: ${p.criteria_met} of ${p.criteria_total} met`);
  doc.moveDown(0.5).moveTo(MARGIN.left, doc.y).lineTo(doc.page.width - MARGIN.right, doc.y).strokeColor(RULE).lineWidth(1).stroke();
}

const COLUMNS = [
  { title: "Task", width: 0 },
  { title: "Status", width: 72 },
  { title: "Assignee", width: 104 },
  { title: "Due", width: 92 },
];

function columnXs(doc: Doc): { x: number; width: number }[] {
  const fixed = COLUMNS.reduce((n, c) => n + c.width, 0);
  let x = MARGIN.left;
  return COLUMNS.map((c) => {
    const width = c.width || contentWidth(doc) - fixed;
    const col = { x, width: width - 8 };
    x += width;
    return col;
  });
}

function tableHeader(doc: Doc) {
  const xs = columnXs(doc);
  const y = doc.y;
  doc.font("bold").fontSize(8.5).fillColor(MUTED);
  COLUMNS.forEach((c, i) => doc.text(c.title.toUpperCase(), xs[i]!.x, y, { width: xs[i]!.width, lineBreak: false }));
  doc.y = y + 14;
}

function taskGroup(doc: Doc, group: PocViewGroup) {
  ensureSpace(doc, 60);
  doc.moveDown(0.4).font("bold").fontSize(11.5).fillColor(INK).text(`${group.name}  `, MARGIN.left, doc.y, { continued: true });
  doc.font("regular").fontSize(9.5).fillColor(MUTED).text(`${group.done} of ${group.total} done`);
  doc.moveDown(0.2);
  if (group.tasks.length === 0) return paragraph(doc, "No tasks in this group.", { color: MUTED, size: 9.5 });
  tableHeader(doc);
  const xs = columnXs(doc);
  for (const task of group.tasks) {
    const cells = [task.title, statusLabel("task", task.status), task.assignee_name ?? "Unassigned", task.due_date ? `${formatDate(task.due_date)}${task.overdue ? "\nOverdue" : ""}` : "—"];
    doc.font("regular").fontSize(9.5);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: xs[i]!.width }))) + 6;
    if (ensureSpace(doc, height)) tableHeader(doc);
    doc.font("regular").fontSize(9.5);
    const y = doc.y;
    cells.forEach((c, i) => doc.fillColor(i === 3 && task.overdue ? DANGER : i === 2 && !task.assignee_name ? MUTED : INK).text(c, xs[i]!.x, y + 3, { width: xs[i]!.width }));
    doc.y = y + height;
    doc.moveTo(MARGIN.left, doc.y).lineTo(doc.page.width - MARGIN.right, doc.y).strokeColor(RULE).lineWidth(0.5).stroke();
  }
}

function criteria(doc: Doc, view: PocView) {
  heading(doc, `Success criteria — ${view.progress.criteria_met} of ${view.progress.criteria_total} met`);
  if (view.success_criteria.length === 0) return paragraph(doc, "No success criteria yet.", { color: MUTED });
  for (const c of view.success_criteria) {
    ensureSpace(doc, 24);
    const color = c.status === "met" ? "#1d7a46" : c.status === "not_met" ? DANGER : MUTED;
    doc.font("bold").fontSize(9.5).fillColor(color).text(`${statusLabel("criterion", c.status)}  `, MARGIN.left, doc.y, { continued: true });
    doc.font("regular").fillColor(INK).text(c.description, { width: contentWidth(doc) });
    doc.moveDown(0.25);
  }
}

function comment(doc: Doc, c: PocViewComment, depth: number) {
  const indent = Math.min(depth, 4) * 18;
  ensureSpace(doc, 40);
  const meta = `${c.author_name}${c.author_kind === "guest" ? " (guest)" : ""} · ${formatDate(c.created_at.slice(0, 10))}`;
  doc.font("bold").fontSize(9).fillColor(MUTED).text(meta, MARGIN.left + indent, doc.y, { width: contentWidth(doc) - indent });
  paragraph(doc, c.body, { indent, size: 9.5 });
  doc.moveDown(0.4);
  for (const reply of c.replies) comment(doc, reply, depth + 1);
}

/** The watermark, tiled at 30° over the whole page, in the page's content stream. */
function watermark(doc: Doc, text: string) {
  const { width, height } = doc.page;
  doc.save();
  doc.rotate(-30, { origin: [width / 2, height / 2] });
  doc.font("regular").fontSize(13).fillColor("#6b7280").fillOpacity(0.16);
  const step = doc.widthOfString(text) + 70;
  for (let row = 0, y = -height * 0.4; y < height * 1.4; y += 84, row++) {
    for (let x = -width * 0.6 + (row % 2) * (step / 2); x < width * 1.5; x += step) doc.text(text, x, y, { lineBreak: false });
  }
  doc.restore();
}

function stampPages(doc: Doc, stamp: ExportStamp) {
  const range = doc.bufferedPageRange();
  const mark = watermarkText(stamp);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    if (mark) watermark(doc, mark);
    // Writing below the bottom margin would start a page: lift the margin for the footer.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN.bottom + 24;
    doc.fillOpacity(1).font("regular").fontSize(8).fillColor(MUTED);
    doc.text(stampLine(stamp), MARGIN.left, y, { width: contentWidth(doc) - 80, lineBreak: false });
    doc.text(`Page ${i + 1} of ${range.count}`, doc.page.width - MARGIN.right - 80, y, { width: 80, align: "right", lineBreak: false });
    doc.page.margins.bottom = MARGIN.bottom;
  }
}

export function renderPdf(view: PocView, stamp: ExportStamp, paper: PaperSize): Promise<Uint8Array> {
  const fonts = pdfFonts();
  const doc = new PDFDocument({
    size: paper === "letter" ? "LETTER" : "A4",
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    font: undefined,
    info: { Title: view.title, Author: view.organisation ?? "poc-manager", Subject: view.customer, Keywords: `export-id:${stamp.exportId}`, Creator: "poc-manager" },
  });
  doc.registerFont("regular", fonts.regular as unknown as Buffer);
  doc.registerFont("bold", fonts.bold as unknown as Buffer);
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  doc.font("regular");
  titleBlock(doc, view);
  if (view.description.trim()) {
    heading(doc, "Overview");
    paragraph(doc, view.description);
  }
  if (view.objectives.trim()) {
    heading(doc, "Objectives", 12);
    paragraph(doc, view.objectives);
  }
  heading(doc, `Tasks — ${view.progress.tasks_done} of ${view.progress.tasks_total} done`);
  if (view.task_groups.length === 0) paragraph(doc, "No tasks yet.", { color: MUTED });
  for (const group of view.task_groups) taskGroup(doc, group);
  criteria(doc, view);
  if (view.comments) {
    heading(doc, "Comments");
    if (view.comments.length === 0) paragraph(doc, "No comments yet.", { color: MUTED });
    for (const c of view.comments) comment(doc, c, 0);
  }
  stampPages(doc, stamp);
  doc.end();
  return done;
}
