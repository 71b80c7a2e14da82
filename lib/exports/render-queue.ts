/**
 * The route side of the export render pool: hands a job to the workers the entry server
 * started (./pool.ts). Kept apart from the pool so the Next.js bundle never sees `new Worker`.
 */
import type { RenderJob } from "./render/index";

export const RENDER_POOL_KEY = Symbol.for("poc-manager.export-render-pool");

export type RenderPoolHandle = { render(job: RenderJob): Promise<Uint8Array> };

/** Renders a PDF, PNG or XLSX job in a worker thread. */
export function renderInWorker(job: RenderJob): Promise<Uint8Array> {
  const pool = (globalThis as unknown as { [RENDER_POOL_KEY]?: RenderPoolHandle })[RENDER_POOL_KEY];
  if (!pool) return Promise.reject(new Error("export workers are not running: the entry server (server.ts) starts them"));
  return pool.render(job);
}
