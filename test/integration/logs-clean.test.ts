/**
 * SECURITY 30 (logs): one logger (pino, one JSON object per line). A failing query is logged
 * without its parameters (no Argon2 hashes, emails or tokens), secrets are redacted by key,
 * and user text cannot forge a line; URLs are logged without their query strings.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as pocsRoute from "@/app/api/v1/pocs/route";
import { hashPassword } from "@/lib/auth/password";
import { captureLogs, logger, routeConsoleToLogger, withoutQuery } from "@/lib/log";
import { asUser, seed, type Caller } from "../helpers";

// Lets a test make the next POC insert fail at the database, with the row's values as params.
const failing = vi.hoisted(() => ({ next: false }));
vi.mock("@/lib/pocs/repo", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/pocs/repo")>();
  const { getDb } = await import("@/db/client");
  const { sql } = await import("drizzle-orm");
  return {
    ...actual,
    insertPoc: async (values: Parameters<typeof actual.insertPoc>[0]) => {
      if (!failing.next) return actual.insertPoc(values);
      failing.next = false;
      // A real failing statement through drizzle: its error message carries the parameters.
      await getDb().execute(sql`select ${values.title}::int, ${values.description}::text`);
      throw new Error("unreachable");
    },
  };
});

let admin: Caller;
let capture: ReturnType<typeof captureLogs>;
beforeAll(async () => {
  await seed();
  admin = await asUser("acmeAdmin");
});
beforeEach(() => {
  capture = captureLogs();
});
afterEach(() => capture.stop());

const parsedLines = () => capture.lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe("logs never carry secrets or forged lines", () => {
  it("a failing query is logged without its parameters", async () => {
    const hash = await hashPassword("secret-for-the-log-test");
    failing.next = true;
    const res = await admin(pocsRoute.POST, { method: "POST", body: { title: "not-a-number victim@acme.test", description: hash } });
    expect(res.status).toBe(500);
    const all = capture.lines.join("\n");
    expect(all).toContain("Failed query");
    expect(all).not.toContain(hash);
    expect(all).not.toContain("$argon2id");
    expect(all).not.toContain("victim@acme.test");
    expect(JSON.stringify(res.body)).not.toContain("victim@acme.test");
  });

  it("user text with newlines stays inside one JSON line", () => {
    const title = 'Evil\n{"level":30,"msg":"admin signed in"}\r\nforged';
    logger.error({ title }, `could not render "${title}"`);
    expect(capture.lines).toHaveLength(1);
    expect(parsedLines()[0]).toMatchObject({ title, msg: `could not render "${title}"` });
  });

  it("console output is routed through the logger and scrubbed the same way", async () => {
    const original = { error: console.error, warn: console.warn, info: console.info, log: console.log, debug: console.debug };
    try {
      routeConsoleToLogger();
      console.error("Failed query: select $1\nparams: hunter2-token,admin@acme.test", new Error("Failed query: select $1\nparams: hunter2-token"));
      console.error("multi\nline");
    } finally {
      Object.assign(console, original);
    }
    expect(capture.lines).toHaveLength(2);
    expect(capture.lines.join("\n")).not.toContain("hunter2-token");
    expect(capture.lines.join("\n")).not.toContain("admin@acme.test");
  });

  it("redacts secrets by key and drops query strings from URLs", () => {
    logger.error({ password: "p4ss", token: "t0ken", headers: { authorization: "Bearer abc", cookie: "c=1" }, user: { passwordHash: "$argon2id$x" } }, "context");
    const line = capture.lines.join("\n");
    for (const secret of ["p4ss", "t0ken", "Bearer abc", "c=1", "$argon2id$x"]) expect(line).not.toContain(secret);
    expect(withoutQuery("/share/abc?email=a%40b.test#x")).toBe("/share/abc");
  });
});
