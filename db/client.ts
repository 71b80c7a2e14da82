/**
 * The one database handle: embedded PGlite by default, PostgreSQL through postgres.js when
 * DATABASE_URL is set. The handle lives on globalThis because the entry server (server.ts)
 * and the Next.js server bundle each load their own copy of this module in one process, and
 * PGlite allows exactly one open instance per data folder.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Logger } from "drizzle-orm/logger";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { config } from "@/lib/config";
import * as schema from "./schema";
import { logger } from "@/lib/log";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

type Handle = { db: Db; kind: "pglite" | "postgres"; close: () => Promise<void>; ready: Promise<void>; pglite?: PGlite };

const HANDLE_KEY = Symbol.for("poc-manager.db");
const globalStore = globalThis as unknown as { [HANDLE_KEY]?: Handle };

const COUNTER_KEY = Symbol.for("poc-manager.db.queries");
type QueryCounter = { count: number; background: number; backgroundWork: AsyncLocalStorage<true> };
const counterStore = globalThis as unknown as { [COUNTER_KEY]?: QueryCounter };

/**
 * Counts statements, so the benchmark can report database round trips per request: `count`
 * all of them, `background` those of work no request waits for (the access log's batches).
 * On globalThis like the handle: the entry server reads the count the Next.js bundle's copy
 * of this module increments.
 */
export const queryCounter = (counterStore[COUNTER_KEY] ??= { count: 0, background: 0, backgroundWork: new AsyncLocalStorage<true>() });

/** Runs work no request waits for: its statements count as `background` too. */
export function asBackgroundWork<T>(work: () => Promise<T>): Promise<T> {
  return queryCounter.backgroundWork.run(true, work);
}

class CountingLogger implements Logger {
  constructor(private readonly print: boolean) {}
  logQuery(query: string): void {
    queryCounter.count += 1;
    if (queryCounter.backgroundWork.getStore()) queryCounter.background += 1;
    // The statement only: its parameters (hashes, emails, tokens) are never logged.
    if (this.print) logger.info({ sql: query.replace(/\s+/g, " ").slice(0, 300) }, "query");
  }
}

/** The pool's application_name: /api/metrics counts this process's connections in pg_stat_activity by it. */
export const poolApplicationName = (): string => `poc-manager:${process.pid}`;

/** Statements with more parameters than this (batched multi-row inserts) stay unnamed. */
const MAX_PREPARED_PARAMETERS = 64;

/**
 * drizzle sends its queries with `prepare: false`, and postgres.js then asks the server for the
 * parameter types before it binds them: two round trips for every statement with a parameter
 * (measured on loopback: 430 µs a query against 210 µs prepared). A named statement is described
 * once per connection and costs one round trip after that, so drizzle's statements are named
 * here, in transactions too. Large multi-row batches vary in length and stay unnamed: each
 * distinct text is a prepared statement held by the connection until it is recycled.
 */
function namingStatements(sql: postgres.Sql): postgres.Sql {
  const wrapScoped = (begin: (...args: unknown[]) => unknown) => (...args: unknown[]) => {
    const work = args.pop() as (tx: postgres.Sql) => unknown;
    return begin(...args, (tx: postgres.Sql) => work(namingStatements(tx)));
  };
  return new Proxy(sql, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (property === "unsafe") {
        return (query: string, parameters: postgres.ParameterOrJSON<never>[] = [], options: postgres.UnsafeQueryOptions = {}) =>
          target.unsafe(query, parameters, { ...options, prepare: parameters.length <= MAX_PREPARED_PARAMETERS });
      }
      if (property === "begin" || property === "savepoint") return wrapScoped((value as (...args: unknown[]) => unknown).bind(target));
      return value;
    },
  });
}

function open(): Handle {
  const cfg = config();
  const logger = new CountingLogger(cfg.logQueries);
  if (cfg.databaseUrl) {
    const client = postgres(cfg.databaseUrl, {
      max: cfg.databasePoolSize,
      onnotice: () => {},
      connect_timeout: 10,
      connection: { application_name: poolApplicationName() },
    });
    const db = drizzlePostgres(namingStatements(client), { schema, logger }) as unknown as Db;
    return { db, kind: "postgres", close: () => client.end({ timeout: 5 }), ready: Promise.resolve() };
  }
  const inMemory = cfg.pgliteDir.startsWith("memory://");
  const dataDir = inMemory ? cfg.pgliteDir : path.resolve(cfg.pgliteDir);
  // PGlite creates its own folder but not missing parents.
  if (!inMemory) mkdirSync(path.dirname(dataDir), { recursive: true });
  const client = new PGlite(dataDir);
  const db = drizzlePglite(client, { schema, logger }) as unknown as Db;
  return { db, kind: "pglite", close: () => client.close(), ready: client.waitReady, pglite: client };
}

function handle(): Handle {
  globalStore[HANDLE_KEY] ??= open();
  return globalStore[HANDLE_KEY];
}

export function getDb(): Db {
  return handle().db;
}

export function databaseKind(): "pglite" | "postgres" {
  return handle().kind;
}

/** The embedded database's own client (backups, see db/backup.ts), or null on PostgreSQL. */
export function embeddedClient(): PGlite | null {
  return handle().pglite ?? null;
}

export async function dbReady(): Promise<void> {
  await handle().ready;
}

export async function closeDb(): Promise<void> {
  const current = globalStore[HANDLE_KEY];
  if (!current) return;
  delete globalStore[HANDLE_KEY];
  await current.close();
}
