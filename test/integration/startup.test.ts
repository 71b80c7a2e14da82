/**
 * The entry server's start-up checks, run as an operator would: `node --import tsx server.ts`
 * with a production environment. Each case stops before the build or the database.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

async function start(vars: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PGLITE_DIR: "memory://", NEXT_TELEMETRY_DISABLED: "1", ...vars } as unknown as NodeJS.ProcessEnv;
  try {
    await run(process.execPath, ["--import", "tsx", "server.ts"], { env, timeout: 60_000 });
    return { code: 0, stderr: "" };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe("production start-up", () => {
  it("fails without APP_URL on 0.0.0.0, naming the variable", async () => {
    const { code, stderr } = await start({ NODE_ENV: "production", HOST: "0.0.0.0", PORT: "3371" });
    expect(code).toBe(1);
    expect(stderr).toContain("APP_URL: required in production when listening on HOST=0.0.0.0 (not a loopback address)");
  }, 90_000);

  it("fails without APP_URL with DATABASE_URL, even on loopback", async () => {
    const { code, stderr } = await start({
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "3372",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/postgres",
      APP_SECRET: "s".repeat(40),
    });
    expect(code).toBe(1);
    expect(stderr).toContain("APP_URL: required in production with DATABASE_URL");
  }, 90_000);
});
