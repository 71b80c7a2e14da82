/**
 * A small pool of worker threads that render PDF, PNG and XLSX exports, so a 500-task PDF never
 * blocks the event loop that serves every other request. One job per worker at a time, a
 * bounded queue (503 `export/busy` past it), a heap limit per worker (a render that runs out
 * of memory kills its worker, not the server: 413), and a fresh worker after any crash.
 *
 * The entry server (server.ts) starts the pool, outside the Next.js bundle: the bundler would
 * otherwise follow `new Worker(...)` into the renderers and try to bundle resvg's native addon.
 * The worker script is a plain .mjs file loaded from the project folder. Route code reaches the
 * pool through globalThis (./render-queue.ts), like the database handle.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/api/errors";
import type { RenderJob } from "./render/index";
import { RENDER_POOL_KEY, type RenderPoolHandle } from "./render-queue";

const MAX_QUEUED = 64;
const WORKER_HEAP_MB = 384;

type Task = { id: number; job: RenderJob; resolve: (bytes: Uint8Array) => void; reject: (error: unknown) => void };
type Slot = { worker: Worker; ready: boolean; task: Task | null };
type Reply = { ready: true } | { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; message: string };

const workerFile = () => path.join(process.cwd(), "lib/exports/render/worker.mjs");

class RenderPool implements RenderPoolHandle {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;

  constructor(private readonly size: number) {}

  /** Starts every worker now, so they are warm before the first export arrives. */
  prewarm() {
    while (this.slots.length < this.size) this.spawn();
  }

  render(job: RenderJob): Promise<Uint8Array> {
    if (this.queue.length >= MAX_QUEUED) {
      return Promise.reject(new AppError("export/busy", "Too many exports are being prepared right now. Try again in a few seconds.", { headers: { "retry-after": "5" } }));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.pump();
    });
  }

  private spawn(): Slot {
    const worker = new Worker(workerFile(), { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const slot: Slot = { worker, ready: false, task: null };
    worker.unref();
    worker.on("message", (reply: Reply) => {
      if ("ready" in reply) slot.ready = true;
      else if (slot.task && slot.task.id === reply.id) {
        const task = slot.task;
        slot.task = null;
        slot.worker.unref();
        if (reply.ok) task.resolve(reply.bytes);
        else task.reject(new Error(`export render failed: ${reply.message}`));
      }
      this.pump();
    });
    worker.on("error", (error: Error & { code?: string }) => this.retire(slot, error));
    worker.on("exit", (code) => this.retire(slot, new Error(`export worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  /** A dead worker: fail its job (out of memory → 413), drop it, let the queue spawn another. */
  private retire(slot: Slot, error: Error & { code?: string }) {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    const task = slot.task;
    slot.task = null;
    if (task) {
      task.reject(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new AppError("export/too-large", "This POC is too large to export in one file.")
          : error,
      );
    }
    void slot.worker.terminate();
    this.pump();
  }

  private pump() {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && !s.task);
      if (!slot) {
        // Start workers up to the pool size; a starting worker takes its first job once ready.
        if (this.slots.length < this.size) this.spawn();
        return;
      }
      const task = this.queue.shift()!;
      slot.task = task;
      // Referenced while it works, so a pending export keeps the process alive; idle, it does not.
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, job: task.job });
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}

const store = globalThis as unknown as { [RENDER_POOL_KEY]?: RenderPool };

/** Starts the export workers' pool (with `prewarm`, the workers too; else on the first job). Idempotent. */
export function startRenderPool(size: number, options: { prewarm?: boolean } = {}): void {
  const pool = (store[RENDER_POOL_KEY] ??= new RenderPool(size));
  if (options.prewarm) pool.prewarm();
}

/** Stops the workers (shutdown, tests). */
export async function closeRenderPool(): Promise<void> {
  const pool = store[RENDER_POOL_KEY];
  delete store[RENDER_POOL_KEY];
  await pool?.close();
}
