/**
 * Build freshness for `npm start`: a stamp of the sources Next.js builds (a SHA-256 per file),
 * written next to the build as .next/source-stamp.json. A start whose sources differ from the
 * stamp rebuilds, and says why (which files changed), so a `git pull` never serves an old build.
 *
 * A content hash rather than git HEAD: it also covers uncommitted edits, works in a tarball
 * without .git, and ignores files the build never reads (tests, docs, the benchmark).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export type SourceStamp = { version: 1; digest: string; files: Record<string, string> };

const STAMP_FILE = path.join(".next", "source-stamp.json");

/** Folders and files the production build never reads (or writes itself, like next-env.d.ts). */
const SKIP_DIRS = new Set(["node_modules", "e2e", "test", "bench", "scripts", "docs", "test-results", "playwright-report", "migrations"]);
const SKIP_FILES = new Set(["next-env.d.ts", "tsconfig.tsbuildinfo", "server.ts", "playwright.config.ts", "vitest.config.ts", "drizzle.config.ts", "eslint.config.mjs"]);
const SKIP_EXTENSIONS = [".md", ".log"];

function listSources(root: string, dir = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    // Hidden entries: .git, .next, .data, .env files (read at run time, not built), .ci.
    if (entry.name.startsWith(".")) continue;
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...listSources(root, rel));
    } else if (entry.isFile() && !SKIP_FILES.has(rel) && !SKIP_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) {
      out.push(rel);
    }
  }
  return out;
}

/** The stamp of the sources under `root` as they are now. */
export function computeStamp(root: string): SourceStamp {
  const files: Record<string, string> = {};
  for (const rel of listSources(root).sort()) files[rel] = createHash("sha256").update(readFileSync(path.join(root, rel))).digest("hex");
  const digest = createHash("sha256").update(JSON.stringify(files)).digest("hex");
  return { version: 1, digest, files };
}

function readStamp(root: string): SourceStamp | null {
  try {
    const stamp = JSON.parse(readFileSync(path.join(root, STAMP_FILE), "utf8")) as SourceStamp;
    return stamp.version === 1 && typeof stamp.digest === "string" ? stamp : null;
  } catch {
    return null;
  }
}

/** Human-readable differences between two stamps, e.g. "app/page.tsx changed, lib/x.ts added". */
export function describeChanges(before: SourceStamp, now: SourceStamp, limit = 5): string {
  const changes: string[] = [];
  for (const [file, hash] of Object.entries(now.files)) {
    if (!(file in before.files)) changes.push(`${file} added`);
    else if (before.files[file] !== hash) changes.push(`${file} changed`);
  }
  for (const file of Object.keys(before.files)) if (!(file in now.files)) changes.push(`${file} removed`);
  const shown = changes.slice(0, limit).join(", ");
  return changes.length > limit ? `${shown} and ${changes.length - limit} more` : shown;
}

/** Why the build in `root/.next` does not match the sources, or null when it does. */
export function staleReason(root: string, now: SourceStamp = computeStamp(root)): string | null {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) return "no production build found";
  const before = readStamp(root);
  if (!before) return "the build has no source stamp (it was made by `next build` directly or by an older version)";
  if (before.digest === now.digest) return null;
  return `the sources changed since the last build: ${describeChanges(before, now)}`;
}

/** Runs `next build` and stamps the result with the sources it was built from. */
export function build(root: string): boolean {
  const stamp = computeStamp(root);
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1" },
  });
  if (result.status !== 0) return false;
  writeFileSync(path.join(root, STAMP_FILE), JSON.stringify(stamp));
  return true;
}

/** Builds when the build is missing or stale, printing why. Returns false if the build failed. */
export function ensureFreshBuild(root: string, log: (line: string) => void = console.log): boolean {
  const reason = staleReason(root);
  if (!reason) return true;
  log(`Building the app (a minute or two): ${reason}.`);
  return build(root);
}
