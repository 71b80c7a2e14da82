/** One render job → the file's bytes. Runs in the export worker (see ../pool.ts) or inline. */
import type { PocView } from "../../pocs/view-model";
import type { ExportFormat, PaperSize } from "../formats";
import type { ExportStamp } from "../stamp";
import { renderCsv } from "./csv";
import { renderPdf } from "./pdf";
import { renderPng } from "./png";
import { renderXlsx } from "./xlsx";

export type RenderJob = { format: ExportFormat; view: PocView; stamp: ExportStamp; paper: PaperSize };

export async function renderExport(job: RenderJob): Promise<Uint8Array> {
  switch (job.format) {
    case "pdf":
      return renderPdf(job.view, job.stamp, job.paper);
    case "png":
      return renderPng(job.view, job.stamp);
    case "xlsx":
      return renderXlsx(job.view, job.stamp);
    case "csv":
      return new TextEncoder().encode(renderCsv(job.view, job.stamp));
  }
}
