// The export render worker (see ../pool.ts). Plain JavaScript so Node starts it as it is, outside
// the Next.js bundle; it registers tsx to load the TypeScript renderers, then renders one job per
// message and hands the bytes back as a transferred buffer. It warms up before taking jobs.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { renderExport, warmUp } = await import("./index.ts");

parentPort.on("message", async ({ id, job }) => {
  try {
    const bytes = await renderExport(job);
    parentPort.postMessage({ id, ok: true, bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
// Jobs wait in the pool's queue until the worker is warm.
await warmUp();
parentPort.postMessage({ ready: true });
