#!/usr/bin/env node
/**
 * `npm test`: type check, lint, Vitest (unit + integration), production build, Playwright
 * end-to-end, then the benchmark harness once in smoke mode (so it cannot rot; never judged on
 * speed) and, with DATABASE_URL, the two-instance cluster check. Runs on embedded PGlite, or
 * against the PostgreSQL server named by DATABASE_URL (each run gets fresh databases there).
 * Ends with one line "N passed, N failed" for the whole run, all runners added up.
 *
 *   node scripts/test.mjs [--only static|unit|e2e|bench]... [--skip-build]
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

const root = process.cwd();
const args = process.argv.slice(2);
const only = args.flatMap((a, i) => (a === "--only" ? [args[i + 1]] : []));
const wants = (stage) => only.length === 0 || only.includes(stage);
const runDir = path.join(root, ".data", "test-run");
rmSync(runDir, { recursive: true, force: true });
mkdirSync(runDir, { recursive: true });

const bin = (name) => path.join(root, "node_modules", ".bin", name);
const totals = { passed: 0, failed: 0 };
const lines = [];

function run(label, command, commandArgs, env = {}) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, commandArgs, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  return result.status === 0;
}

function record(label, passed, failed) {
  totals.passed += passed;
  totals.failed += failed;
  lines.push(`${label.padEnd(28)} ${passed} passed, ${failed} failed`);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** With DATABASE_URL, the end-to-end server gets a database of its own, dropped afterwards. */
async function withE2eDatabase(fn) {
  const base = process.env.DATABASE_URL;
  if (!base) return fn({});
  const name = `pocm_e2e_${randomBytes(4).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    return await fn({ E2E_DATABASE_URL: url.toString() });
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

if (wants("static")) {
  const typecheck = run("Type check (tsc)", bin("tsc"), ["--noEmit", "-p", "."]);
  record("type check", typecheck ? 1 : 0, typecheck ? 0 : 1);
  const lint = run("Lint (eslint)", bin("eslint"), [".", "--max-warnings", "0"]);
  record("lint", lint ? 1 : 0, lint ? 0 : 1);
}

if (wants("unit")) {
  const out = path.join(runDir, "vitest.json");
  const ok = run("Unit and integration tests (vitest)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  const report = readJson(out);
  if (report) record("vitest", report.numPassedTests, report.numFailedTests + (ok || report.numFailedTests > 0 ? 0 : 1));
  else record("vitest (no report)", 0, 1);
}

if (wants("e2e")) {
  // --skip-build keeps a build whose source stamp matches (scripts/build-stamp.ts), else builds.
  const buildArgs = ["--import", "tsx", "scripts/build.ts", ...(args.includes("--skip-build") ? ["--if-stale"] : [])];
  const built = run("Production build (npm run build)", process.execPath, buildArgs);
  if (!built) record("next build", 0, 1);
  else {
    const dataDir = path.join(runDir, "e2e");
    const ok = await withE2eDatabase((dbEnv) => run("End-to-end tests (playwright)", bin("playwright"), ["test"], { ...dbEnv, E2E_DATA_DIR: dataDir }));
    const report = readJson(path.join(dataDir, "playwright.json"));
    if (report?.stats) {
      const failed = report.stats.unexpected + report.stats.flaky;
      record("playwright", report.stats.expected, failed + (ok || failed > 0 ? 0 : 1));
    } else record("playwright (no report)", 0, 1);
  }
}

if (wants("bench")) {
  // After e2e: reuses its production build. Fails only if the harness breaks or a request errors.
  if (!run("Production build, if stale (npm run build -- --if-stale)", process.execPath, ["--import", "tsx", "scripts/build.ts", "--if-stale"])) record("next build (bench)", 0, 1);
  else {
    const smoke = run("Benchmark harness, smoke mode (npm run bench -- --smoke)", process.execPath, ["--import", "tsx", "bench/run.ts", "--smoke", "--out", path.join(runDir, "bench-smoke.json")]);
    record("bench smoke", smoke ? 1 : 0, smoke ? 0 : 1);
    if (process.env.DATABASE_URL) {
      const out = path.join(runDir, "cluster.json");
      const ok = run("Two instances, one database (npm run bench:cluster)", process.execPath, ["--import", "tsx", "bench/cluster.ts", "--json", out]);
      const report = readJson(out);
      if (report) record("cluster check", report.passed, report.failed + (ok || report.failed > 0 ? 0 : 1));
      else record("cluster check (no report)", 0, 1);
    }
  }
}

console.log(`\n=== Summary (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"}) ===`);
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
