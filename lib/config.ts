/**
 * Every environment variable the app reads, parsed once. A bad value stops the app at start
 * with a message naming the variable, instead of failing on some later request.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";

const postgresUrl = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "" && url.pathname.length > 1;
    } catch {
      return false;
    }
  }, "must be a URL like postgres://user:password@host:5432/database");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.preprocess((v) => (v === "" ? undefined : v), postgresUrl.optional()),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(4),
  DATA_DIR: z.string().min(1).default(".data"),
  PGLITE_DIR: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional()),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  APP_SECRET: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(32, "must be at least 32 characters").optional()),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  SEED_DEMO: z.enum(["true", "false"]).default("true"),
  LOG_QUERIES: z.enum(["true", "false"]).default("false"),
  SMTP_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^smtps?$/, message: "must be a URL like smtp://user:pass@host:587" }).optional()),
  MAIL_FROM: z.string().min(3).default("poc-manager <no-reply@poc-manager.local>"),
  BENCH_QUERY_COUNTER: z.enum(["true", "false"]).default("false"),
  METRICS_TOKEN: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(16, "must be at least 16 characters").optional()),
  ACCESS_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).default(365),
});

export type AppConfig = {
  nodeEnv: "development" | "production" | "test";
  databaseUrl: string | undefined;
  /**
   * PostgreSQL connections per app instance. postgres.js pipelines queries on busy
   * connections, so a few keep the server busy; more only make backends fight for its cores.
   */
  databasePoolSize: number;
  /** The one data folder: the embedded database (unless PGLITE_DIR says otherwise) and the generated secret. */
  dataDir: string;
  pgliteDir: string;
  appUrl: string;
  port: number;
  host: string;
  secret: string;
  trustedProxyHops: number;
  seedDemo: boolean;
  logQueries: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The entry server answers GET /__bench/db-queries with the statement count (npm run bench). */
  benchQueryCounter: boolean;
  /** Bearer token for GET /api/metrics; unset, the endpoint does not exist (404). */
  metricsToken: string | undefined;
  /** share_views rows older than this are deleted by the sweep (audit rows never are). */
  accessLogRetentionDays: number;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Loopback names and addresses: a server bound there is reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  return bare === "::1" || bare === "::ffff:127.0.0.1";
}

/**
 * In embedded mode the app must start with no configuration at all, so it keeps a generated
 * secret in its data folder. Earlier versions wrote it beside PGLITE_DIR (its parent folder,
 * which several installs could share, e.g. /tmp): a secret found there is moved in, once.
 */
function embeddedSecret(dataDir: string, pgliteDir: string): string {
  if (pgliteDir.startsWith("memory://")) return randomBytes(32).toString("base64url");
  const file = path.join(path.resolve(dataDir), "app-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const legacy = path.join(path.dirname(path.resolve(pgliteDir)), "app-secret");
  if (existsSync(legacy)) {
    const secret = readFileSync(legacy, "utf8").trim();
    writeFileSync(file, secret, { mode: 0o600 });
    rmSync(legacy, { force: true });
    console.log(`[config] moved the generated secret from ${legacy} to ${file} (its place is now DATA_DIR, not PGLITE_DIR's parent)`);
    return secret;
  }
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function parseConfig(env: NodeJS.ProcessEnv): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example for every variable.`);
  }
  const e = parsed.data;
  if (!e.APP_SECRET && e.DATABASE_URL && e.NODE_ENV === "production") {
    throw new ConfigError(
      "Invalid configuration:\n  APP_SECRET: required in production with DATABASE_URL (32+ random characters, e.g. `openssl rand -base64 32`)",
    );
  }
  // Links in emails and share dialogs must name the host people reach, not this machine.
  if (!e.APP_URL && e.NODE_ENV === "production" && (e.DATABASE_URL || !isLoopbackHost(e.HOST))) {
    const why = e.DATABASE_URL ? "with DATABASE_URL" : `when listening on HOST=${e.HOST} (not a loopback address)`;
    throw new ConfigError(
      `Invalid configuration:\n  APP_URL: required in production ${why}: the public base URL that share links, invitations and redirects use, e.g. APP_URL=https://pocs.example.com`,
    );
  }
  const pgliteDir = e.PGLITE_DIR ?? path.join(e.DATA_DIR, "pglite");
  const secret = e.APP_SECRET ?? embeddedSecret(e.DATA_DIR, pgliteDir);
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: e.DATA_DIR,
    pgliteDir,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    port: e.PORT,
    host: e.HOST,
    secret,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    seedDemo: e.SEED_DEMO === "true",
    logQueries: e.LOG_QUERIES === "true",
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    benchQueryCounter: e.BENCH_QUERY_COUNTER === "true",
    metricsToken: e.METRICS_TOKEN,
    accessLogRetentionDays: e.ACCESS_LOG_RETENTION_DAYS,
  };
}

let cached: AppConfig | undefined;

export function config(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Re-reads the environment (tests that start a service on a random port, e.g. SMTP). */
export function reloadConfig(): AppConfig {
  cached = parseConfig(process.env);
  return cached;
}
