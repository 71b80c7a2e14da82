/**
 * The export rows of `npm run bench` (#13): each format of the seeded 20-task POC and of a
 * 500-task POC as single sequential requests (p50, p99), PDF throughput at 8 connections with
 * the server's peak RSS during that load, and route 1's p99 idle vs while PDFs are generated
 * at 8 connections (exports render in worker threads, so the event loop stays free).
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import type { AppServer } from "./common";

const FORMATS = ["pdf", "png", "xlsx", "csv"] as const;
type Format = (typeof FORMATS)[number];

/** A 500-task POC (25 groups × 20 tasks, 10 criteria, 20 comments) of the bench tenant. Run before the server starts. */
export async function seedLargeExportPoc(tenantId: string, ownerId: string, tasks = 500): Promise<string> {
  // Imported here: the app's config (read by the db client) must see the bench environment first.
  const { closeDb, getDb } = await import("@/db/client");
  const id = randomUUID();
  const db = getDb();
  const groups = Math.ceil(tasks / 20);
  await db.execute(sql`insert into pocs (id, tenant_id, owner_id, title, description, customer, objectives, status, start_date, end_date)
    values (${id}::uuid, ${tenantId}::uuid, ${ownerId}::uuid, 'Bench large export POC', ${"A large POC for the export benchmark. ".repeat(10)}, 'Large Customer',
      'Every export format at 500 tasks.', 'active', date '2026-11-01', date '2027-01-31')`);
  await db.execute(sql`insert into task_groups (poc_id, name, position) select ${id}::uuid, 'Workstream ' || (g + 1), g from generate_series(0, ${groups - 1}::int) g`);
  await db.execute(sql`insert into tasks (poc_id, group_id, title, status, assignee_id, due_date, position)
    select ${id}::uuid, tg.id, 'Task ' || (tg.position + 1) || '.' || (k + 1) || ': validate the workload and record the results for the steering committee',
      (array['todo', 'in_progress', 'blocked', 'done'])[1 + (k % 4)]::task_status, case when k % 2 = 0 then ${ownerId}::uuid end, date '2026-11-15' + k, k
    from task_groups tg, generate_series(0, 19) k where tg.poc_id = ${id}::uuid and tg.position * 20 + k < ${tasks}::int`);
  await db.execute(sql`insert into success_criteria (poc_id, description, status, position)
    select ${id}::uuid, 'Criterion ' || (k + 1) || ': the measured value stays within the agreed bound', (array['pending', 'met', 'not_met'])[1 + (k % 3)]::criterion_status, k from generate_series(0, 9) k`);
  await db.execute(sql`insert into comments (poc_id, author_user_id, body)
    select ${id}::uuid, ${ownerId}::uuid, 'Comment ' || (k + 1) || ': progress update with enough words to wrap over a line or two in the document.' from generate_series(0, 19) k`);
  await closeDb();
  return id;
}

type Latency = { name: string; label: string; samples: number; p50: number; p99: number; errors: number; bytes: number };

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function sequential(url: string, headers: Record<string, string>, n: number): Promise<{ p50: number; p99: number; errors: number; bytes: number }> {
  const times: number[] = [];
  let errors = 0;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers });
    const body = await res.arrayBuffer();
    times.push(performance.now() - t);
    if (res.status !== 200) errors++;
    bytes = body.byteLength;
  }
  times.sort((a, b) => a - b);
  return { p50: Math.round(quantile(times, 0.5)), p99: Math.round(quantile(times, 0.99)), errors, bytes };
}

/** The server process's resident set (Linux /proc; the render workers are threads of it). */
function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : 0;
}

function sampleRss(pid: number): { stop: () => { peak: number } } {
  let peak = rssMiB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 100);
  return {
    stop: () => {
      clearInterval(timer);
      return { peak };
    },
  };
}

function rotatingLoad(base: string, paths: string[], headers: Record<string, string>, connections: number, seconds: number, amount: number) {
  let next = 0;
  return autocannon({
    url: base,
    connections,
    ...(amount > 0 ? { amount } : { duration: seconds }),
    timeout: 30,
    requests: [{ method: "GET", setupRequest: (req) => ({ ...req, method: "GET", path: paths[next++ % paths.length]!, headers }) }],
  });
}

export type ExportBench = {
  latency: Latency[];
  pdfLoad: { connections: number; rps: number; p50: number; p99: number; errors: number; rssBeforeMiB: number; rssPeakMiB: number; rssGrowthMiB: number };
  route1: { idleP99: number; duringPdfP99: number; idleP50: number; duringPdfP50: number; errors: number };
  goals: Record<string, { goal: string; value: number; met: boolean }>;
};

export async function measureExports(
  app: AppServer,
  opts: { apiToken: string; smallPocIds: string[]; largePocId: string; route1Paths: string[]; smoke: boolean; seconds: number },
): Promise<ExportBench> {
  const auth = { authorization: `Bearer ${opts.apiToken}` };
  const n = (format: Format, large: boolean) => (opts.smoke ? 2 : large ? (format === "pdf" ? 10 : 15) : 30);
  const latency: Latency[] = [];
  for (const [size, poc] of [["20-task", opts.smallPocIds[0]!], ["500-task", opts.largePocId]] as const) {
    for (const format of FORMATS) {
      const url = `${app.url}/api/v1/pocs/${poc}/export.${format}`;
      await sequential(url, auth, opts.smoke ? 1 : 3); // warm: route chunk, worker JIT
      const r = await sequential(url, auth, n(format, size === "500-task"));
      latency.push({ name: `export_${format}_${size.replace("-task", "")}`, label: `export.${format}, ${size} POC (single requests)`, samples: n(format, size === "500-task"), ...r });
      console.log(`  export.${format} ${size}: p50 ${r.p50} ms, p99 ${r.p99} ms, ${Math.round(r.bytes / 1024)} KiB${r.errors ? `, ${r.errors} errors` : ""}`);
    }
  }

  const pid = app.child.pid!;
  const pdfPaths = opts.smallPocIds.slice(0, 50).map((id) => `/api/v1/pocs/${id}/export.pdf`);
  const amount = opts.smoke ? 16 : 0;
  const rssBefore = rssMiB(pid);
  const rss = sampleRss(pid);
  const pdf = await rotatingLoad(app.url, pdfPaths, auth, 8, opts.seconds, amount);
  const { peak } = rss.stop();
  const pdfErrors = pdf.errors + pdf.timeouts + pdf.non2xx;
  const pdfLoad = {
    connections: 8,
    rps: Math.round(pdf.requests.average * 10) / 10,
    p50: pdf.latency.p50,
    p99: pdf.latency.p99,
    errors: pdfErrors,
    rssBeforeMiB: Math.round(rssBefore),
    rssPeakMiB: Math.round(peak),
    rssGrowthMiB: Math.round(peak - rssBefore),
  };
  console.log(`  PDF at 8 connections: ${pdfLoad.rps} req/s, p50 ${pdfLoad.p50} ms, p99 ${pdfLoad.p99} ms; RSS ${pdfLoad.rssBeforeMiB} -> peak ${pdfLoad.rssPeakMiB} MiB`);

  const r1Amount = opts.smoke ? 100 : 0;
  const idle = await rotatingLoad(app.url, opts.route1Paths, {}, 32, opts.seconds, r1Amount);
  const [during, background] = await Promise.all([
    rotatingLoad(app.url, opts.route1Paths, {}, 32, opts.seconds, r1Amount),
    rotatingLoad(app.url, pdfPaths, auth, 8, opts.seconds, amount),
  ]);
  const route1 = {
    idleP50: idle.latency.p50,
    idleP99: idle.latency.p99,
    duringPdfP50: during.latency.p50,
    duringPdfP99: during.latency.p99,
    errors: idle.errors + idle.timeouts + idle.non2xx + during.errors + during.timeouts + during.non2xx + background.non2xx + background.errors,
  };
  console.log(`  route 1 p99: idle ${route1.idleP99} ms, during PDF load ${route1.duringPdfP99} ms (PDFs meanwhile: ${Math.round(background.requests.average * 10) / 10} req/s)`);

  const p50 = (name: string) => latency.find((l) => l.name === name)!.p50;
  const goals = {
    export_pdf_20_p50_ms: { goal: "<= 150", value: p50("export_pdf_20"), met: p50("export_pdf_20") <= 150 },
    export_pdf_500_p50_ms: { goal: "<= 1500", value: p50("export_pdf_500"), met: p50("export_pdf_500") <= 1500 },
    export_png_20_p50_ms: { goal: "<= 250", value: p50("export_png_20"), met: p50("export_png_20") <= 250 },
    export_xlsx_20_p50_ms: { goal: "<= 100", value: p50("export_xlsx_20"), met: p50("export_xlsx_20") <= 100 },
    export_csv_20_p50_ms: { goal: "<= 100", value: p50("export_csv_20"), met: p50("export_csv_20") <= 100 },
    export_pdf_load_rss_growth_mib: { goal: "<= 250", value: pdfLoad.rssGrowthMiB, met: pdfLoad.rssGrowthMiB <= 250 },
    route1_p99_during_pdf_vs_idle: { goal: "<= 2", value: route1.duringPdfP99 / Math.max(route1.idleP99, 1), met: route1.duringPdfP99 / Math.max(route1.idleP99, 1) <= 2 },
  };
  return { latency, pdfLoad, route1, goals };
}

export function exportErrors(b: ExportBench): number {
  return b.latency.reduce((n, l) => n + l.errors, 0) + b.pdfLoad.errors + b.route1.errors;
}

export function printExportTable(b: ExportBench): void {
  console.log("\nExports (sequential single requests; p99 of 30 samples is their worst but one):");
  console.log("| target | samples | p50 ms | p99 ms | size KiB | errors |\n|---|--:|--:|--:|--:|--:|");
  for (const l of b.latency) console.log(`| ${l.label} | ${l.samples} | ${l.p50} | ${l.p99} | ${Math.round(l.bytes / 1024)} | ${l.errors} |`);
  const p = b.pdfLoad;
  console.log(`| export.pdf at ${p.connections} connections (20-task POCs) | ${p.rps} req/s | ${p.p50} | ${p.p99} | RSS ${p.rssBeforeMiB} -> ${p.rssPeakMiB} MiB | ${p.errors} |`);
  console.log(`| route 1 idle / during PDF load (32 connections) | | ${b.route1.idleP50} / ${b.route1.duringPdfP50} | ${b.route1.idleP99} / ${b.route1.duringPdfP99} | | ${b.route1.errors} |`);
  for (const [name, g] of Object.entries(b.goals)) console.log(`  ${g.met ? "met    " : "NOT met"}  ${name.padEnd(34)} ${g.value.toFixed(2)} (goal ${g.goal})`);
}
