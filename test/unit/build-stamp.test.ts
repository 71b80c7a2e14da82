import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { computeStamp, staleReason } from "@/scripts/build-stamp";

let root = "";
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
};
/** What `npm run build` leaves: a build id and the stamp of the sources it built. */
const pretendBuilt = () => {
  write(".next/BUILD_ID", "build-1");
  write(".next/source-stamp.json", JSON.stringify(computeStamp(root)));
};

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "pocm-stamp-"));
  write("app/page.tsx", "export default function Page() { return null; }");
  write("lib/pocs/service.ts", "export const x = 1;");
  write("package-lock.json", "{}");
  write("next.config.ts", "export default {};");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("build freshness stamp", () => {
  it("asks for a build when there is none, or when the build carries no stamp", () => {
    expect(staleReason(root)).toBe("no production build found");
    write(".next/BUILD_ID", "build-1");
    expect(staleReason(root)).toMatch(/no source stamp/);
  });

  it("is fresh right after a build, and a changed source file makes the next start rebuild, naming the file", () => {
    pretendBuilt();
    expect(staleReason(root)).toBeNull();
    const before = computeStamp(root).digest;
    write("lib/pocs/service.ts", "export const x = 2;");
    expect(computeStamp(root).digest).not.toBe(before);
    expect(staleReason(root)).toBe("the sources changed since the last build: lib/pocs/service.ts changed");
  });

  it("notices added and removed files and dependency changes", () => {
    pretendBuilt();
    write("components/new-thing.tsx", "export {}");
    unlinkSync(path.join(root, "app/page.tsx"));
    write("package-lock.json", '{"lockfileVersion":3}');
    expect(staleReason(root)).toBe(
      "the sources changed since the last build: components/new-thing.tsx added, package-lock.json changed, app/page.tsx removed",
    );
  });

  it("ignores what the build never reads: tests, docs, the data folder, the build itself", () => {
    pretendBuilt();
    write("test/unit/x.test.ts", "it()");
    write("e2e/ui/y.spec.ts", "test()");
    write("README.md", "# changed");
    write(".data/pglite/PG_VERSION", "17");
    write(".next/cache/whatever", "x");
    write("next-env.d.ts", "/// <reference types=\"next\" />");
    write("db/migrations/0009_x.sql", "select 1");
    expect(staleReason(root)).toBeNull();
  });
});
