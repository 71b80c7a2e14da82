/** The export formats, their files and the limits of one export. Pure: no db, no Next. */
export const EXPORT_FORMATS = ["pdf", "png", "xlsx", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const PAPER_SIZES = ["a4", "letter"] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  pdf: "application/pdf",
  png: "image/png",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/** One entry of a Download menu: what the view's downloads slot renders. */
export type ExportDownload = { format: ExportFormat; label: string; href: string };

/**
 * The Download menu of a POC, under the base path of its export routes
 * (`/api/v1/pocs/{id}`, `/share/{token}`, …): PDF in A4 and Letter, PNG, XLSX, CSV.
 */
export function exportDownloads(basePath: string): ExportDownload[] {
  return [
    { format: "pdf", label: "PDF document (A4)", href: `${basePath}/export.pdf` },
    { format: "pdf", label: "PDF document (US Letter)", href: `${basePath}/export.pdf?paper=letter` },
    { format: "png", label: "PNG summary image", href: `${basePath}/export.png` },
    { format: "xlsx", label: "Excel workbook (.xlsx)", href: `${basePath}/export.xlsx` },
    { format: "csv", label: "CSV of tasks", href: `${basePath}/export.csv` },
  ];
}

/**
 * One export renders at most this much. Past it the answer is 413 with the limit, before any
 * rendering starts, so a huge POC costs a count and never a server's memory.
 */
export const EXPORT_LIMITS = { tasks: 5000, comments: 5000, criteria: 1000 } as const;

/** `export.pdf` → "pdf"; anything else → null (the routes answer 404). */
export function formatFromFileName(name: string): ExportFormat | null {
  const match = /^export\.([a-z]+)$/.exec(name);
  const ext = match?.[1];
  return ext && (EXPORT_FORMATS as readonly string[]).includes(ext) ? (ext as ExportFormat) : null;
}
