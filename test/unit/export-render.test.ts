/**
 * The export renderers on a synthetic POC view: multi-page PDFs carry the watermark and the
 * footer on every page, the PNG watermark is tiled into the pixels (measured against the same
 * render without it), the CSV neutraliser covers what csv-stringify's escape_formulas misses,
 * and file names carry the viewer and the time.
 */
import { describe, expect, it } from "vitest";
import { renderCsv, neutraliseFormulas } from "@/lib/exports/render/csv";
import { renderPdf } from "@/lib/exports/render/pdf";
import { renderPng } from "@/lib/exports/render/png";
import { exportFileName, newExportId, EXPORT_ID_PATTERN, type ExportStamp } from "@/lib/exports/stamp";
import { formatFromFileName } from "@/lib/exports/formats";
import type { PocView } from "@/lib/pocs/view-model";
import { csvRows, decodePng, pdfPages } from "../export-files";

function bigView(taskCount: number): PocView {
  const groups = Array.from({ length: Math.ceil(taskCount / 10) }, (_, g) => {
    const tasks = Array.from({ length: 10 }, (_, i) => ({
      id: null,
      title: `Task ${g * 10 + i}: migrate the reporting jobs of region ${g} and check the totals`,
      status: (["todo", "in_progress", "blocked", "done"] as const)[i % 4]!,
      assignee_name: i % 3 ? "Mia Member" : null,
      due_date: `2026-11-${String((i % 28) + 1).padStart(2, "0")}`,
      overdue: i % 4 !== 3,
    }));
    return { id: null, name: `Phase ${g + 1}`, tasks, done: 3, total: 10 };
  });
  return {
    organisation: "Acme",
    title: "Zoë's data platform rollout",
    customer: "Initech",
    description: "Move every nightly job.",
    objectives: "No job late.",
    status: "active",
    start_date: "2026-11-01",
    end_date: "2026-12-20",
    shared_by: null,
    owner_name: null,
    updated_at: null,
    task_groups: groups,
    success_criteria: [
      { id: null, description: "Latency under 100 ms", status: "met" },
      { id: null, description: "Zero data loss", status: "pending" },
    ],
    progress: { tasks_done: 3 * groups.length, tasks_total: taskCount, criteria_met: 1, criteria_total: 2 },
    comments: [],
  };
}

const stamp = (email: string | null): ExportStamp => ({ exportId: "X7K3M9Q2TD", exportedAt: "2026-12-01T17:05:09.000Z", watermarkEmail: email });

describe("PDF", () => {
  it("puts the watermark, the export id and 'Page n of N' on every page of a long document", async () => {
    const pages = await pdfPages(await renderPdf(bigView(150), stamp("viewer@customer.example"), "a4"));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    pages.forEach((p, i) => {
      expect(p.text).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(p.text).toContain("Exported for viewer@customer.example on 2026-12-01 17:05 UTC · Export ID X7K3M9Q2TD");
      expect(p.text.split("viewer@customer.example · 2026-12-01 17:05 UTC").length - 1).toBeGreaterThanOrEqual(4);
    });
    const all = pages.map((p) => p.text).join(" ");
    expect(all).toContain("Zoë's data platform rollout");
    expect(all).toContain("Task 149: migrate the reporting jobs");
  });

  it("has no watermark without a watermark email", async () => {
    const pages = await pdfPages(await renderPdf(bigView(10), stamp(null), "letter"));
    expect(pages[0]!.text).not.toContain("Exported for");
    expect(pages[0]!.text).toContain("Exported on 2026-12-01 17:05 UTC · Export ID X7K3M9Q2TD");
  });
});

describe("PNG", () => {
  it("rasterises the watermark as a pattern tiled over the whole image", async () => {
    const view = bigView(20);
    const plain = decodePng(await renderPng(view, stamp(null)));
    const marked = decodePng(await renderPng(view, stamp("viewer@customer.example")));
    expect([marked.width, marked.height]).toEqual([plain.width, plain.height]);
    // A 10 × 6 grid of cells: the watermark changes pixels in (nearly) every cell, which a
    // corner stamp or a single label could not do.
    const cols = 10;
    const rows = 6;
    const cw = Math.floor(plain.width / cols);
    const ch = Math.floor(plain.height / rows);
    let cellsChanged = 0;
    for (let cy = 0; cy < rows; cy++) {
      for (let cx = 0; cx < cols; cx++) {
        let changed = 0;
        for (let y = cy * ch; y < (cy + 1) * ch; y += 2) {
          for (let x = cx * cw; x < (cx + 1) * cw; x += 2) {
            const i = (y * plain.width + x) * 4;
            if (Math.abs(plain.data[i]! - marked.data[i]!) + Math.abs(plain.data[i + 1]! - marked.data[i + 1]!) + Math.abs(plain.data[i + 2]! - marked.data[i + 2]!) > 12) changed++;
          }
        }
        if (changed > 50) cellsChanged++;
      }
    }
    expect(cellsChanged).toBeGreaterThanOrEqual(cols * rows * 0.9);
  });
});

describe("CSV", () => {
  it("neutralises formulas csv-stringify alone would miss", () => {
    expect(neutraliseFormulas(" =1")).toBe(" '=1");
    expect(neutraliseFormulas("\u00a0@SUM(A1)")).toBe("\u00a0'@SUM(A1)");
    expect(neutraliseFormulas("a;=b")).toBe("a;'=b");
    expect(neutraliseFormulas("a, -b")).toBe("a, '-b");
    expect(neutraliseFormulas("\uff1d1")).toBe("'\uff1d1");
    // Position 0 ASCII triggers are csv-stringify's escape_formulas job.
    expect(neutraliseFormulas("=1")).toBe("=1");
    expect(neutraliseFormulas("plain text, no formula; none")).toBe("plain text, no formula; none");
  });

  it("starts with the stamp line and quotes every field", () => {
    const csv = renderCsv(bigView(10), stamp("viewer@customer.example"));
    expect(csv.startsWith('\uFEFF"Exported for viewer@customer.example on 2026-12-01 17:05 UTC · Export ID X7K3M9Q2TD"\r\n')).toBe(true);
    const rows = csvRows(csv);
    expect(rows[2]).toEqual(["Task", "Phase 1", rows[2]![2], "To do", "", "2026-11-01", "Overdue"]);
  });
});

describe("stamp", () => {
  it("makes short readable ids and file names with the viewer and time", () => {
    const ids = new Set(Array.from({ length: 200 }, newExportId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(EXPORT_ID_PATTERN);
    expect(exportFileName("Zoë's rollout!", stamp("Viewer@Customer.example"), "csv")).toBe("zo-s-rollout-20261201-1705Z-for-viewer@customer.example-X7K3M9Q2TD.csv");
    expect(exportFileName("", stamp(null), "pdf")).toBe("poc-20261201-1705Z-X7K3M9Q2TD.pdf");
    expect(formatFromFileName("export.xlsx")).toBe("xlsx");
    expect(formatFromFileName("export.xls")).toBeNull();
  });
});
