import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError, isLoopbackHost, parseConfig } from "@/lib/config";

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
      host: "127.0.0.1",
      dataDir: ".data",
      metricsToken: undefined,
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
    expect(parseConfig(env({ NODE_ENV: "production", DATABASE_URL: GOOD_DB, APP_SECRET: GOOD_SECRET, APP_URL: "https://pocs.example.com" })).secret).toBe(GOOD_SECRET);
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

describe("APP_URL in production", () => {
  it("is required when the server listens on a non-loopback address, naming the variable and the host", () => {
    for (const host of ["0.0.0.0", "::", "10.1.2.3", "pocs.example.com"]) {
      const message = configError({ NODE_ENV: "production", HOST: host });
      expect(message).toContain("APP_URL: required in production");
      expect(message).toContain(`HOST=${host}`);
    }
  });

  it("is required with DATABASE_URL, even on loopback", () => {
    expect(configError({ NODE_ENV: "production", HOST: "127.0.0.1", DATABASE_URL: GOOD_DB, APP_SECRET: GOOD_SECRET })).toMatch(
      /APP_URL: required in production with DATABASE_URL/,
    );
  });

  it("defaults to localhost on loopback, and outside production", () => {
    expect(parseConfig(env({ NODE_ENV: "production", PORT: "4100" })).appUrl).toBe("http://localhost:4100");
    expect(parseConfig(env({ NODE_ENV: "production", HOST: "localhost" })).appUrl).toBe("http://localhost:3000");
    expect(parseConfig(env({ NODE_ENV: "development", HOST: "0.0.0.0" })).appUrl).toBe("http://localhost:3000");
    expect(parseConfig(env({ NODE_ENV: "production", HOST: "0.0.0.0", APP_URL: "https://pocs.example.com" })).appUrl).toBe("https://pocs.example.com");
  });

  it("tells loopback hosts from others", () => {
    for (const host of ["127.0.0.1", "127.0.0.53", "localhost", "app.localhost", "::1", "[::1]"]) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.5", "example.com", "128.0.0.1", "localhost.example.com"]) expect(isLoopbackHost(host)).toBe(false);
  });
});

/** An environment whose PGlite lives on disk (so a secret file is written), with only these variables. */
const onDisk = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

describe("the generated secret (embedded mode without APP_SECRET)", () => {
  let root = "";
  const fresh = () => (root = mkdtempSync(path.join(tmpdir(), "pocm-secret-")));
  afterEach(() => {
    vi.restoreAllMocks();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("lives in DATA_DIR: two instances whose data folders share a parent get different secrets", () => {
    fresh();
    const a = parseConfig(onDisk({ DATA_DIR: path.join(root, "a") }));
    const b = parseConfig(onDisk({ DATA_DIR: path.join(root, "b") }));
    expect(a.pgliteDir).toBe(path.join(root, "a", "pglite"));
    expect(a.secret).not.toBe(b.secret);
    expect(readFileSync(path.join(root, "a", "app-secret"), "utf8")).toBe(a.secret);
    expect(readFileSync(path.join(root, "b", "app-secret"), "utf8")).toBe(b.secret);
    expect(statSync(path.join(root, "a", "app-secret")).mode & 0o777).toBe(0o600);
    expect(existsSync(path.join(root, "app-secret"))).toBe(false);
    // The same folder keeps its secret across starts.
    expect(parseConfig(onDisk({ DATA_DIR: path.join(root, "a") })).secret).toBe(a.secret);
  });

  it("does not depend on PGLITE_DIR's parent", () => {
    fresh();
    const a = parseConfig(onDisk({ DATA_DIR: path.join(root, "a"), PGLITE_DIR: path.join(root, "shared", "db-a") }));
    const b = parseConfig(onDisk({ DATA_DIR: path.join(root, "b"), PGLITE_DIR: path.join(root, "shared", "db-b") }));
    expect(a.pgliteDir).toBe(path.join(root, "shared", "db-a"));
    expect(a.secret).not.toBe(b.secret);
    expect(existsSync(path.join(root, "shared", "app-secret"))).toBe(false);
  });

  it("moves a secret found at the old location (PGLITE_DIR's parent) into DATA_DIR, with a log line", () => {
    fresh();
    const old = "old-secret-from-an-earlier-version-0123456789";
    writeFileSync(path.join(root, "app-secret"), `${old}\n`);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const cfg = parseConfig(onDisk({ DATA_DIR: path.join(root, "data"), PGLITE_DIR: path.join(root, "db") }));
    expect(cfg.secret).toBe(old);
    expect(readFileSync(path.join(root, "data", "app-secret"), "utf8")).toBe(old);
    expect(existsSync(path.join(root, "app-secret"))).toBe(false);
    expect(log).toHaveBeenCalledWith(expect.stringContaining(`moved the generated secret from ${path.join(root, "app-secret")}`));
  });
});

describe("METRICS_TOKEN", () => {
  it("is off when unset and must be long enough when set", () => {
    expect(parseConfig(env({ METRICS_TOKEN: "" })).metricsToken).toBeUndefined();
    expect(parseConfig(env({ METRICS_TOKEN: "m".repeat(24) })).metricsToken).toBe("m".repeat(24));
    expect(configError({ METRICS_TOKEN: "short" })).toMatch(/METRICS_TOKEN/);
  });
});
