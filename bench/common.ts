/**
 * Shared pieces of the benchmark harness (bench/run.ts) and the cluster check
 * (bench/cluster.ts): scratch databases, app servers started and always stopped, the
 * production build, and small HTTP helpers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import type autocannon from "autocannon";
import postgres from "postgres";
import { ensureFreshBuild } from "../scripts/build-stamp";

export const root = process.cwd();
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- cleanup: every server and scratch database is registered here and released on exit ----
const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | null = null;

export function onCleanup(fn: () => Promise<void>): void {
  cleanups.push(fn);
}

export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (error) {
        console.error("[bench] cleanup step failed:", error instanceof Error ? error.message : error);
      }
    }
  })();
  return cleaning;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n[bench] ${signal}: stopping servers and dropping scratch databases...`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

// ---- production build ----
export function ensureBuild(): void {
  if (!ensureFreshBuild(root, (line) => console.log(`[bench] ${line}`))) throw new Error("next build failed");
}

// ---- scratch databases ----
export type BenchDb = { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };

/** A fresh database for this run: pocm_bench_<random> on DATABASE_URL's server, or a PGlite folder. */
export async function createScratchDb(prefix: string): Promise<BenchDb> {
  const base = process.env.DATABASE_URL;
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  if (!base) {
    const dir = path.join(root, ".data", name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.dirname(dir), { recursive: true });
    onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
    return { kind: "pglite", dir };
  }
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  onCleanup(async () => {
    const again = postgres(base, { max: 1, onnotice: () => {} });
    try {
      await again.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await again.end();
    }
  });
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { kind: "postgres", url: url.toString() };
}

/** The environment the app and the in-process seeding both read (lib/config.ts). */
export function dbEnv(db: BenchDb): Record<string, string> {
  return db.kind === "postgres" ? { DATABASE_URL: db.url, PGLITE_DIR: ".data/unused" } : { DATABASE_URL: "", PGLITE_DIR: db.dir };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// ---- app servers ----
export type AppServer = { url: string; port: number; child: ChildProcess; log: string[]; stop: () => Promise<void> };

/**
 * CPU milliseconds (user + system, all threads) a process has used so far, from /proc; null
 * where there is no /proc. Per request it is the server's own cost, which the load of the
 * machine (and the load generator sharing its two cores) moves far less than req/s.
 */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
/** Linux's USER_HZ, 100 on every architecture Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Waits until the child exits (true) or the time is up (false). */
function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  if (!(await exited(child, 15_000))) {
    child.kill("SIGKILL");
    await exited(child, 5_000);
  }
}

/** Spawns a node process, keeps its output, and registers it for cleanup. */
export function spawnNode(args: string[], env: Record<string, string>, label: string): { child: ChildProcess; log: string[] } {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) log.push(`[${label}] ${line}`);
    if (log.length > 400) log.splice(0, log.length - 400);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  onCleanup(() => stopChild(child));
  return { child, log };
}

/** Polls `url` until it answers 200, failing fast if the process dies. */
export async function waitFor(url: string, child: ChildProcess, log: string[], timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${log.slice(-30).join("\n")}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`server did not become ready at ${url}:\n${log.slice(-30).join("\n")}`);
}

export const BENCH_SECRET = "bench-secret-0123456789abcdef-0123456789abcdef";

/** Starts `node --import tsx server.ts` (production) on a free port and waits for /api/ready. */
export async function startApp(db: BenchDb, extraEnv: Record<string, string> = {}, label = "app"): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...dbEnv(db),
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_URL: url,
    APP_SECRET: BENCH_SECRET,
    SEED_DEMO: "true",
    LOG_QUERIES: "false",
    BENCH_QUERY_COUNTER: "true",
    ...extraEnv,
  };
  // Profiling the server: BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=.data/prof".
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const { child, log } = spawnNode([...nodeArgs, "--import", "tsx", "server.ts"], env, label);
  await waitFor(`${url}/api/ready`, child, log);
  return { url, port, child, log, stop: () => stopChild(child) };
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  await stopChild(child);
}

/** The Set-Cookie value of `name` from a response, or null. */
export function cookieFrom(res: Response, name: string): string | null {
  for (const header of res.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const eq = pair!.indexOf("=");
    if (pair!.slice(0, eq).trim() === name) return pair!.slice(eq + 1);
  }
  return null;
}

/**
 * Statements the server ran per call of `send` (one request, or a request pair), measured
 * sequentially (no concurrency): the round trips requests wait for. The access log's batches
 * (one INSERT per 100 ms for all the views of that time, which no request waits for) are
 * counted apart by the server and left out. The server's own timers (email outbox every 10 s,
 * expiry sweep every minute) also run statements and can land in a window; they only ever
 * add, so the least of three windows counts.
 */
export async function statementsPer(app: AppServer, n: number, send: (i: number) => Promise<void>): Promise<number> {
  const counter = async () => {
    const { count, background } = (await (await fetch(`${app.url}/__bench/db-queries`)).json()) as { count: number; background: number };
    return count - background;
  };
  await send(0); // warm caches outside the window
  await sleep(200);
  const windows: number[] = [];
  for (let w = 0; w < 3; w++) {
    const before = await counter();
    for (let i = 0; i < n; i++) await send(i + 1);
    await sleep(300); // fire-and-forget writes (the share access log) land after the response
    windows.push(((await counter()) - before) / n);
  }
  return Math.round(Math.min(...windows) * 100) / 100;
}

/** One load target: autocannon requests against `url`. */
export type Target = {
  name: string;
  label: string;
  url: string;
  /** A fresh request per call (rotating tokens/ids), or a fixed one. */
  requests: autocannon.Request[];
  /** Runs after its warm-up and after each measured window (route 5 gives its POCs back). */
  afterWindow?: () => Promise<void>;
};
