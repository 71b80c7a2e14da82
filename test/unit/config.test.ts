import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

const GOOD_SECRET = "x".repeat(32);
const GOOD_DB = "postgres://app:pw@db.internal:5432/pocm";

/** An environment with only the given variables (in-memory PGlite, so no secret file is written). */
const env = (vars: Record<string, string> = {}) => ({ PGLITE_DIR: "memory://", ...vars }) as unknown as NodeJS.ProcessEnv;

/** The ConfigError message parseConfig throws for this environment. */
function configError(vars: Record<string, string>): string {
  try {
    parseConfig(env(vars));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(vars)}`);
}

describe("parseConfig", () => {
  it("has working defaults with no configuration at all", () => {
    const cfg = parseConfig(env());
    expect(cfg).toMatchObject({
      nodeEnv: "development",
      databaseUrl: undefined,
      pgliteDir: "memory://",
      port: 3000,
      host: "0.0.0.0",
      appUrl: "http://localhost:3000",
      trustedProxyHops: 0,
      seedDemo: true,
      logQueries: false,
      benchQueryCounter: false,
    });
    // Embedded mode generates a secret (in memory here) rather than running without one.
    expect(cfg.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("derives appUrl from PORT and strips trailing slashes from APP_URL", () => {
    expect(parseConfig(env({ PORT: "8080" })).appUrl).toBe("http://localhost:8080");
    expect(parseConfig(env({ APP_URL: "https://pocs.example.com//" })).appUrl).toBe("https://pocs.example.com");
  });

  it.each(["mysql://x", "not a url", "postgres://", "postgres://db.internal", "http://db.internal:5432/pocm"])(
    "rejects DATABASE_URL %j, naming the variable",
    (value) => {
      expect(configError({ DATABASE_URL: value })).toMatch(/DATABASE_URL/);
    },
  );

  it("accepts postgres:// and postgresql:// URLs and treats an empty DATABASE_URL as unset", () => {
    expect(parseConfig(env({ DATABASE_URL: GOOD_DB })).databaseUrl).toBe(GOOD_DB);
    expect(parseConfig(env({ DATABASE_URL: "postgresql://localhost/pocm" })).databaseUrl).toBe("postgresql://localhost/pocm");
    expect(parseConfig(env({ DATABASE_URL: "" })).databaseUrl).toBeUndefined();
  });

  it("requires APP_SECRET in production with DATABASE_URL", () => {
    expect(configError({ NODE_ENV: "production", DATABASE_URL: GOOD_DB })).toMatch(/APP_SECRET/);
    expect(configError({ NODE_ENV: "production", DATABASE_URL: GOOD_DB, APP_SECRET: "" })).toMatch(/APP_SECRET/);
    expect(parseConfig(env({ NODE_ENV: "production", DATABASE_URL: GOOD_DB, APP_SECRET: GOOD_SECRET })).secret).toBe(GOOD_SECRET);
  });

  it("rejects an APP_SECRET shorter than 32 characters", () => {
    const message = configError({ APP_SECRET: "x".repeat(31) });
    expect(message).toMatch(/APP_SECRET/);
    expect(message).not.toContain("x".repeat(31)); // the secret itself is never echoed
  });

  it("parses TRUSTED_PROXY_HOPS as a small non-negative integer", () => {
    expect(parseConfig(env({ TRUSTED_PROXY_HOPS: "2" })).trustedProxyHops).toBe(2);
    expect(parseConfig(env({ TRUSTED_PROXY_HOPS: "0" })).trustedProxyHops).toBe(0);
    for (const bad of ["-1", "1.5", "eleven", "11"]) expect(configError({ TRUSTED_PROXY_HOPS: bad })).toMatch(/TRUSTED_PROXY_HOPS/);
  });

  it("parses DATABASE_POOL_SIZE as a positive integer, 4 by default", () => {
    expect(parseConfig(env({})).databasePoolSize).toBe(4);
    expect(parseConfig(env({ DATABASE_POOL_SIZE: "12" })).databasePoolSize).toBe(12);
    for (const bad of ["0", "2.5", "many", "101"]) expect(configError({ DATABASE_POOL_SIZE: bad })).toMatch(/DATABASE_POOL_SIZE/);
  });

  it("rejects other malformed variables by name", () => {
    expect(configError({ PORT: "70000" })).toMatch(/PORT/);
    expect(configError({ APP_URL: "ftp://files.example.com" })).toMatch(/APP_URL/);
    expect(configError({ NODE_ENV: "staging" })).toMatch(/NODE_ENV/);
    expect(configError({ SEED_DEMO: "yes" })).toMatch(/SEED_DEMO/);
  });
});
