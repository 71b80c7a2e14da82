/**
 * The app's Prometheus metrics (prom-client), served by GET /api/metrics. Code anywhere calls
 * the named functions below; nothing else touches prom-client.
 *
 * The registry lives on globalThis, like the database handle: the entry server (which times
 * every request) and the Next.js bundle (which counts share views and refusals) each load
 * their own copy of this module in one process, and both must fill the same registry.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { RouteKind } from "./route-kind";

function create() {
  const registry = new Registry();
  // Process metrics, including nodejs_eventloop_lag_seconds and its percentiles.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const on = { registers: [registry] };
  return {
    registry,
    httpRequests: new Counter({ name: "http_requests_total", help: "HTTP requests answered, by route kind, method and status", labelNames: ["kind", "method", "status"], ...on }),
    httpDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "Time from request to the end of the response, by route kind",
      labelNames: ["kind"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      ...on,
    }),
    shareViews: new Counter({ name: "share_views_total", help: "Share page views written to the access log", ...on }),
    passwordRefusals: new Counter({ name: "share_password_refusals_total", help: "Wrong passwords given for a public link", ...on }),
    signInRefusals: new Counter({ name: "signin_refusals_total", help: "Refused sign-ins, by reason", labelNames: ["reason"], ...on }),
    rateLimitHits: new Counter({ name: "rate_limit_hits_total", help: "Requests refused by a rate limit, by limit", labelNames: ["limit"], ...on }),
    emailDeliveries: new Counter({ name: "email_deliveries_total", help: "Outbox delivery attempts, by result", labelNames: ["result"], ...on }),
    gauges: new Map<string, Gauge>(),
  };
}

type Metrics = ReturnType<typeof create>;
const KEY = Symbol.for("poc-manager.metrics");
const store = globalThis as unknown as { [KEY]?: Metrics };
const metrics = (): Metrics => (store[KEY] ??= create());

export function countHttpRequest(kind: RouteKind, method: string, status: number, seconds: number): void {
  const m = metrics();
  m.httpRequests.inc({ kind, method, status: String(status) });
  m.httpDuration.observe({ kind }, seconds);
}

export function countShareView(): void {
  metrics().shareViews.inc();
}

export function countPasswordRefusal(): void {
  metrics().passwordRefusals.inc();
}

/** `reason` is a fixed word (e.g. "bad_credentials", "rate_limited"), never the email. */
export function countSignInRefusal(reason: string): void {
  metrics().signInRefusals.inc({ reason });
}

/** `limit` names the limit (e.g. "share-unlock:ip"), never the key with its IP or id. */
export function countRateLimitHit(limit: string): void {
  metrics().rateLimitHits.inc({ limit });
}

export function countEmailDelivery(result: "sent" | "failed"): void {
  metrics().emailDeliveries.inc({ result });
}

/**
 * A gauge whose value is read when scraped (queue depth, pool use). Registered once per name;
 * `read` returns one value per label set.
 */
export function defineGauge(name: string, help: string, labelNames: string[], read: () => Promise<{ labels?: Record<string, string>; value: number }[]>): void {
  const m = metrics();
  if (m.gauges.has(name)) return;
  const gauge: Gauge = new Gauge({
    name,
    help,
    labelNames,
    registers: [m.registry],
    async collect() {
      gauge.reset();
      for (const { labels, value } of await read()) {
        if (labels) gauge.set(labels, value);
        else gauge.set(value);
      }
    },
  });
  m.gauges.set(name, gauge);
}

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
