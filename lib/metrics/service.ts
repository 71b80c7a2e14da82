/**
 * GET /api/metrics: Prometheus text, behind METRICS_TOKEN (bearer). Without the variable the
 * endpoint does not exist. Gauges that need the database (outbox, pool) are read per scrape.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/api/errors";
import { config } from "@/lib/config";
import { outboxStats } from "@/lib/email/service";
import { logger } from "@/lib/log";
import { poolUse } from "@/lib/system/service";
import { defineGauge, renderMetrics } from "./registry";

const digest = (value: string) => createHash("sha256").update(value).digest();

function assertScraper(authorization: string | null): void {
  const token = config().metricsToken;
  if (!token) throw new AppError("resource/not-found", "Metrics are off (set METRICS_TOKEN to turn them on)");
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  // Compared as digests: constant time, whatever the lengths.
  if (!given || !timingSafeEqual(digest(given), digest(token))) {
    throw new AppError("auth/unauthorized", "Send the metrics token as `Authorization: Bearer <METRICS_TOKEN>`", {
      headers: { "www-authenticate": 'Bearer realm="metrics"' },
    });
  }
}

/** A scrape-time reading that fails (database down) leaves its gauge empty instead of failing the scrape. */
const orNothing =
  <T>(read: () => Promise<T[]>) =>
  async (): Promise<T[]> => {
    try {
      return await read();
    } catch (error) {
      logger.error({ err: error }, "metrics: a database gauge could not be read");
      return [];
    }
  };

function defineDatabaseGauges(): void {
  defineGauge(
    "email_outbox_messages",
    "Outbox messages not delivered, by status (pending: waiting or retrying; failed: gave up)",
    ["status"],
    orNothing(async () => {
      const stats = await outboxStats();
      return [
        { labels: { status: "pending" }, value: stats.pending },
        { labels: { status: "failed" }, value: stats.failed },
      ];
    }),
  );
  defineGauge(
    "email_outbox_oldest_pending_age_seconds",
    "Age of the oldest undelivered outbox message (0 when none waits)",
    [],
    orNothing(async () => [{ value: (await outboxStats()).oldestPendingAgeSeconds ?? 0 }]),
  );
  defineGauge("db_pool_max_connections", "Database connections this instance may open", [], async () => [{ value: (await poolUse()).max }]);
  defineGauge(
    "db_pool_connections",
    "Database connections of this instance by state (pg_stat_activity; 'embedded' for PGlite)",
    ["state"],
    orNothing(async () => (await poolUse()).connections.map(({ state, count }) => ({ labels: { state }, value: count }))),
  );
}

export async function scrapeMetrics(authorization: string | null): Promise<{ contentType: string; body: string }> {
  assertScraper(authorization);
  defineDatabaseGauges();
  return renderMetrics();
}
