/**
 * The fonts every export uses, shipped with the app as an npm package (DejaVu Sans, a free
 * licence — see node_modules/dejavu-fonts-ttf/LICENSE): never read from the system, so a PDF or
 * PNG looks the same on every machine. Broad coverage (Latin, Greek, Cyrillic, …) in one file.
 */
import { readFileSync } from "node:fs";
import * as fontkit from "fontkit";
import { createRequire } from "node:module";
import path from "node:path";

const dir = () => path.join(path.dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");

/** The regular face's file, for renderers that load fonts by path (resvg). */
export const exportFontFile = (): string => path.join(dir(), "DejaVuSans.ttf");

let cached: { regular: Buffer; bold: Buffer } | null = null;

export function exportFonts(): { regular: Buffer; bold: Buffer } {
  cached ??= { regular: readFileSync(path.join(dir(), "DejaVuSans.ttf")), bold: readFileSync(path.join(dir(), "DejaVuSans-Bold.ttf")) };
  return cached;
}

type PdfFonts = { regular: fontkit.Font; bold: fontkit.Font };
let parsed: PdfFonts | null = null;

/**
 * The fonts parsed once per process for pdfkit (which accepts a fontkit font): parsing and
 * shaping tables of a 750 KB font per document would cost most of a small PDF's time.
 */
export function pdfFonts(): PdfFonts {
  const { regular, bold } = exportFonts();
  parsed ??= { regular: fontkit.create(regular) as fontkit.Font, bold: fontkit.create(bold) as fontkit.Font };
  return parsed;
}
