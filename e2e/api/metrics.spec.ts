import { expect, test, type APIRequestContext } from "@playwright/test";
import { freshLink, newPoc, signedInApi } from "../helpers";

// playwright.config.ts starts the server with this token.
const METRICS_TOKEN = process.env.E2E_METRICS_TOKEN ?? "e2e-metrics-token-0123456789";

/** The value of one series in Prometheus text (0 when the series does not exist yet). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split("\n")) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_:]+)(?:\{([^}]*)\})? ([0-9.eE+-]+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries((match[2] ?? "").split(",").filter(Boolean).map((pair) => pair.split("=").map((s) => s.replace(/^"|"$/g, ""))));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return 0;
}

let admin: APIRequestContext;
test.beforeAll(async ({ playwright, baseURL }) => {
  admin = await signedInApi(playwright, baseURL!, "acmeAdmin");
});
test.afterAll(async () => admin.dispose());

async function scrape(request: APIRequestContext): Promise<string> {
  const res = await request.get("/api/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/plain");
  return res.text();
}

test("/api/metrics refuses without the token, or with a wrong one", async ({ request }) => {
  const attempts: Record<string, string>[] = [{}, { authorization: "Bearer wrong-token-0123456789" }, { authorization: `Basic ${METRICS_TOKEN}` }];
  for (const headers of attempts) {
    const res = await request.get("/api/metrics", { headers });
    expect(res.status()).toBe(401);
    expect(res.headers()["www-authenticate"]).toContain("Bearer");
    const body = await res.json();
    expect(body.code).toBe("auth/unauthorized");
    expect(JSON.stringify(body)).not.toContain("http_requests_total");
  }
});

test("with the token, the counters move after share views and a refused password", async ({ request }) => {
  const before = await scrape(request);
  const open = await freshLink(admin, await newPoc(admin, "Metrics open link"));
  const locked = await freshLink(admin, await newPoc(admin, "Metrics locked link"), { password: "the-right-one-42" });

  for (let i = 0; i < 3; i++) expect((await request.get(open.url)).status()).toBe(200);
  const wrong = await request.post(`/api/v1/public/pocs/${locked.token}/unlock`, { data: { password: "not-the-right-one" } });
  expect(wrong.status()).toBe(401);

  const after = await scrape(request);
  // Other specs run in parallel: counters only ever grow, by at least what this test did.
  expect(sample(after, "share_views_total") - sample(before, "share_views_total")).toBeGreaterThanOrEqual(3);
  expect(sample(after, "share_password_refusals_total") - sample(before, "share_password_refusals_total")).toBeGreaterThanOrEqual(1);
  const shareOk = { kind: "share", method: "GET", status: "200" };
  expect(sample(after, "http_requests_total", shareOk) - sample(before, "http_requests_total", shareOk)).toBeGreaterThanOrEqual(3);
  const refused = { kind: "public_api", method: "POST", status: "401" };
  expect(sample(after, "http_requests_total", refused) - sample(before, "http_requests_total", refused)).toBeGreaterThanOrEqual(1);
  expect(sample(after, "http_request_duration_seconds_count", { kind: "share" })).toBeGreaterThanOrEqual(3);
  expect(after).toMatch(/^http_request_duration_seconds_bucket\{le="0\.1",kind="share"\} \d+$/m);

  // The rest of what operators watch is there.
  for (const name of ["nodejs_eventloop_lag_seconds", "email_outbox_messages", "email_outbox_oldest_pending_age_seconds", "db_pool_max_connections", "db_pool_connections"]) {
    expect(after, name).toContain(`\n${name}`);
  }
});

test("a refused sign-in and rate-limited password tries are counted", async ({ request, playwright, baseURL }) => {
  const before = await scrape(request);
  const anon = await playwright.request.newContext({ baseURL });
  const csrf = await (await anon.get("/api/auth/csrf")).json();
  await anon.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email: "admin@acme.test", password: "wrong-password", json: "true" },
    maxRedirects: 0,
  });
  await anon.dispose();

  const locked = await freshLink(admin, await newPoc(admin, "Metrics rate limit"), { password: "the-right-one-42" });
  let limited = 0;
  for (let i = 0; i < 6; i++) {
    const res = await request.post(`/api/v1/public/pocs/${locked.token}/unlock`, { data: { password: `wrong-${i}` } });
    if (res.status() === 429) limited++;
  }
  expect(limited).toBeGreaterThanOrEqual(1);

  const after = await scrape(request);
  const signin = { reason: "bad_credentials" };
  expect(sample(after, "signin_refusals_total", signin) - sample(before, "signin_refusals_total", signin)).toBeGreaterThanOrEqual(1);
  const limit = { limit: "share-unlock:ip" };
  expect(sample(after, "rate_limit_hits_total", limit) - sample(before, "rate_limit_hits_total", limit)).toBeGreaterThanOrEqual(limited);
});

test("/api/ready reports pending migrations and the outbox's oldest undelivered message; /api/health stays database-free", async ({ request }) => {
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  const body = await ready.json();
  expect(body.status).toBe("ready");
  expect(body.pending_migrations).toEqual([]);
  expect(body).toHaveProperty("outbox_oldest_pending_seconds");
  expect(body.outbox_oldest_pending_seconds === null || body.outbox_oldest_pending_seconds >= 0).toBe(true);
  expect(await (await request.get("/api/health")).json()).toEqual({ status: "ok" });
});
