/**
 * The PNG export: a one-page summary of the POC (title, status, progress, criteria, the next
 * open tasks) laid out by satori (flexbox → SVG, text as glyph outlines from the shipped font)
 * and rasterised by resvg at 2× with system fonts off. For a watermarked grant the viewer's
 * email and the export time are tiled across the image before rasterising, so they are pixels.
 * The export id sits in the bottom-right corner.
 */
import { Resvg } from "@resvg/resvg-js";
import type { ReactNode } from "react";
import satori from "satori";
import type { PocView, PocViewTask } from "../../pocs/view-model";
import { stampLine, watermarkText, type ExportStamp } from "../stamp";
import { exportFontFile, exportFonts } from "./fonts";
import { formatDate, statusLabel } from "./labels";

export const PNG_SIZE = { width: 1000, height: 640, scale: 2 } as const;

type Style = Record<string, string | number>;
type Node = { type: string; props: { style?: Style; children?: Child | Child[] } };
type Child = Node | string | null;

const h = (style: Style, ...children: Child[]): Node => ({ type: "div", props: { style: { display: "flex", ...style }, children } });

// satori sizes boxes without their padding (content-box), so the root subtracts it.
const PAD = 44;
const INK = "#1a1f2b";
const MUTED = "#5b6472";
const TASK_COLORS: Record<string, string> = { todo: "#5b6472", in_progress: "#2f5bd3", blocked: "#b42318", done: "#1d7a46" };
const CRITERION_COLORS: Record<string, string> = { pending: "#5b6472", met: "#1d7a46", not_met: "#b42318" };

function bar(label: string, done: number, total: number, color: string): Node {
  const pct = total === 0 ? 0 : Math.round((done / total) * 100);
  return h(
    { flexDirection: "column", flex: 1, gap: 8 },
    h({ justifyContent: "space-between", fontSize: 20, color: MUTED }, h({}, label), h({ color: INK, fontWeight: 700 }, `${done} of ${total} · ${pct}%`)),
    h({ height: 14, borderRadius: 7, backgroundColor: "#e6e9ef" }, h({ width: `${pct}%`, height: 14, borderRadius: 7, backgroundColor: color })),
  );
}

const pill = (text: string, color: string): Node =>
  h({ fontSize: 15, fontWeight: 700, color, border: `2px solid ${color}`, borderRadius: 999, padding: "2px 10px", flexShrink: 0 }, text);

const ellipsis: Style = { overflow: "hidden", whiteSpace: "nowrap", textOverflow: "ellipsis" };

/** Open tasks, overdue and soonest due first (undated last), at most `n`. */
function nextOpenTasks(view: PocView, n: number): PocViewTask[] {
  const open = view.task_groups.flatMap((g) => g.tasks).filter((t) => t.status !== "done");
  return open.sort((a, b) => (a.due_date ?? "9999").localeCompare(b.due_date ?? "9999")).slice(0, n);
}

function panel(title: string, rows: Node[], empty: string): Node {
  return h(
    { flexDirection: "column", flex: 1, gap: 12, backgroundColor: "#ffffff", border: "2px solid #e1e5ec", borderRadius: 14, padding: 24, minWidth: 0 },
    h({ fontSize: 22, fontWeight: 700, color: INK }, title),
    ...(rows.length ? rows : [h({ fontSize: 18, color: MUTED }, empty)]),
  );
}

function summary(view: PocView, stamp: ExportStamp): Node {
  const dates = view.start_date || view.end_date ? `${formatDate(view.start_date)} – ${formatDate(view.end_date)}` : "No dates set";
  const criteria = view.success_criteria.slice(0, 6).map((c) =>
    h({ gap: 12, alignItems: "center" }, pill(statusLabel("criterion", c.status), CRITERION_COLORS[c.status]!), h({ fontSize: 18, color: INK, ...ellipsis, flex: 1 }, c.description)),
  );
  const tasks = nextOpenTasks(view, 6).map((t) =>
    h(
      { gap: 12, alignItems: "center" },
      pill(statusLabel("task", t.status), TASK_COLORS[t.status]!),
      h({ fontSize: 18, color: INK, ...ellipsis, flex: 1 }, t.title),
      h({ fontSize: 16, color: t.overdue ? "#b42318" : MUTED, flexShrink: 0 }, t.due_date ? `${t.overdue ? "Overdue · " : ""}${formatDate(t.due_date)}` : ""),
    ),
  );
  return h(
    { flexDirection: "column", width: PNG_SIZE.width - 2 * PAD, height: PNG_SIZE.height - 2 * PAD, padding: PAD, gap: 28, backgroundColor: "#f6f7f9", fontFamily: "DejaVu Sans", color: INK },
    h(
      { flexDirection: "column", gap: 10 },
      view.organisation ? h({ fontSize: 16, fontWeight: 700, color: MUTED, letterSpacing: 2 }, view.organisation.toUpperCase()) : null,
      h({ fontSize: 40, fontWeight: 700, ...ellipsis }, view.title),
      h({ gap: 16, alignItems: "center", fontSize: 20, color: MUTED }, pill(statusLabel("poc", view.status), "#2f5bd3"), view.customer ? h({}, view.customer) : null, h({}, dates)),
    ),
    h({ gap: 40 }, bar("Tasks done", view.progress.tasks_done, view.progress.tasks_total, "#2f5bd3"), bar("Success criteria met", view.progress.criteria_met, view.progress.criteria_total, "#1d7a46")),
    h({ gap: 24, flex: 1, minHeight: 0 }, panel("Success criteria", criteria, "No success criteria yet."), panel("Next open tasks", tasks, "Every task is done.")),
    h({ justifyContent: "flex-end", fontSize: 14, color: MUTED }, stampLine(stamp)),
  );
}

const xmlText = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The watermark as an SVG layer: one tile of text, repeated by a rotated pattern over the image. */
export function watermarkSvg(text: string): string {
  // DejaVu Sans averages ~0.62 em per character; the tile leaves a gap after each copy.
  const w = Math.round(text.length * 17 * 0.64 + 90);
  const copy = (x: number, y: number) => `<text x="${x}" y="${y}" font-family="DejaVu Sans" font-size="17" fill="#283040" fill-opacity="0.2">${xmlText(text)}</text>`;
  // Rows are offset by half a tile; the copy starting left of the tile wraps the clipped part.
  const tile = `<pattern id="pm-watermark" patternUnits="userSpaceOnUse" width="${w}" height="120" patternTransform="rotate(-30)">${copy(0, 40)}${copy(Math.round(w / 2), 100)}${copy(Math.round(w / 2) - w, 100)}</pattern>`;
  return `<defs>${tile}</defs><rect x="0" y="0" width="${PNG_SIZE.width}" height="${PNG_SIZE.height}" fill="url(#pm-watermark)"/>`;
}

export async function renderPng(view: PocView, stamp: ExportStamp): Promise<Uint8Array> {
  const fonts = exportFonts();
  const mark = watermarkText(stamp);
  let svg = await satori(summary(view, stamp) as unknown as ReactNode, {
    width: PNG_SIZE.width,
    height: PNG_SIZE.height,
    fonts: [
      { name: "DejaVu Sans", data: fonts.regular, weight: 400, style: "normal" },
      { name: "DejaVu Sans", data: fonts.bold, weight: 700, style: "normal" },
    ],
  });
  if (mark) svg = svg.replace(/<\/svg>\s*$/, `${watermarkSvg(mark)}</svg>`);
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: PNG_SIZE.scale },
    font: { loadSystemFonts: false, fontFiles: [exportFontFile()], defaultFontFamily: "DejaVu Sans" },
    background: "#f6f7f9",
  });
  return new Uint8Array(resvg.render().asPng());
}
