/**
 * Every environment variable the app reads, parsed once. A bad value stops the app at start
 * with a message naming the variable, instead of failing on some later request.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
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
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  APP_SECRET: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(32, "must be at least 32 characters").optional()),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  SEED_DEMO: z.enum(["true", "false"]).default("true"),
  LOG_QUERIES: z.enum(["true", "false"]).default("false"),
  SMTP_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^smtps?$/, message: "must be a URL like smtp://user:pass@host:587" }).optional()),
  MAIL_FROM: z.string().min(3).default("poc-manager <no-reply@poc-manager.local>"),
  BENCH_QUERY_COUNTER: z.enum(["true", "false"]).default("false"),
  ACCESS_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).default(365),
  EXPORT_WORKERS: z.coerce.number().int().min(1).max(16).optional(),
});

export type AppConfig = {
  nodeEnv: "development" | "production" | "test";
  databaseUrl: string | undefined;
  /**
   * PostgreSQL connections per app instance. postgres.js pipelines queries on busy
   * connections, so a few keep the server busy; more only make backends fight for its cores.
   */
  databasePoolSize: number;
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
  /** share_views rows older than this are deleted by the sweep (audit rows never are). */
  accessLogRetentionDays: number;
  /** Worker threads rendering PDF/PNG/XLSX exports off the event loop (default: cores − 1, 1–4). */
  exportWorkers: number;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * In embedded (PGlite) mode the app must start with no configuration at all, so it keeps a
 * generated secret next to its data. With a real database, a missing secret is an error.
 */
function embeddedSecret(pgliteDir: string): string {
  const dataRoot = pgliteDir.startsWith("memory://") ? null : path.dirname(path.resolve(pgliteDir));
  if (!dataRoot) return randomBytes(32).toString("base64url");
  const file = path.join(dataRoot, "app-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataRoot, { recursive: true });
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
  let secret = e.APP_SECRET;
  if (!secret) {
    if (e.DATABASE_URL && e.NODE_ENV === "production") {
      throw new ConfigError(
        "Invalid configuration:\n  APP_SECRET: required in production with DATABASE_URL (32+ random characters, e.g. `openssl rand -base64 32`)",
      );
    }
    secret = embeddedSecret(e.PGLITE_DIR);
  }
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    pgliteDir: e.PGLITE_DIR,
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
    accessLogRetentionDays: e.ACCESS_LOG_RETENTION_DAYS,
    exportWorkers: e.EXPORT_WORKERS ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
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
