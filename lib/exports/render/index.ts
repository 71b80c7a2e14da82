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

const SAMPLE: PocView = {
  organisation: "Sample",
  title: "Warm-up",
  customer: "",
  description: "",
  objectives: "",
  status: "active",
  start_date: null,
  end_date: null,
  shared_by: null,
  owner_name: null,
  updated_at: null,
  task_groups: [{ id: null, name: "Group", done: 0, total: 1, tasks: [{ id: null, title: "Task", status: "todo", assignee_name: null, due_date: null, overdue: false }] }],
  success_criteria: [{ id: null, description: "Criterion", status: "pending" }],
  progress: { tasks_done: 0, tasks_total: 1, criteria_met: 0, criteria_total: 1 },
  comments: [],
};

/**
 * One throw-away render of each format, so a fresh worker has loaded fonts, parsed tables and
 * compiled its hot paths before the first real export (cold, that first PDF takes seconds).
 */
export async function warmUp(): Promise<void> {
  const stamp = { exportId: "0000000000", exportedAt: new Date().toISOString(), watermarkEmail: "warm-up@example.com" };
  for (const format of ["pdf", "png", "xlsx"] as const) await renderExport({ format, view: SAMPLE, stamp, paper: "a4" });
}
