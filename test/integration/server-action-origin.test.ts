/**
 * SECURITY 31 (Origin): server actions are cookie-authenticated writes and need the same
 * Origin as the API; the allowed origin is APP_URL's, never whatever Host the request claims.
 * The real actions run with next/headers mocked to the request a browser (or attacker) sends.
 */
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as pocsRoute from "@/app/api/v1/pocs/route";
import { getDb } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { APP_ORIGIN, call, seed, sessionCookie } from "../helpers";

const request = vi.hoisted(() => ({ headers: new Headers(), cookie: "" }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => {
    const value = request.cookie.slice(request.cookie.indexOf("=") + 1);
    const name = request.cookie.slice(0, request.cookie.indexOf("="));
    return { get: (n: string) => (n === name ? { name, value } : undefined) };
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { createApiTokenAction } = await import("@/app/(dashboard)/settings/api-tokens/actions");

beforeAll(() => seed());
beforeEach(async () => {
  request.cookie = await sessionCookie("acmeAdmin");
});

async function createTokenWith(headers: Record<string, string>, name: string) {
  request.headers = new Headers(headers);
  const result = await createApiTokenAction({ name });
  const rows = await getDb().select().from(apiTokens).where(eq(apiTokens.name, name));
  return { result, created: rows.length };
}

describe("server actions check Origin like the API", () => {
  it("refuses an action without Origin", async () => {
    const { result, created } = await createTokenWith({ host: "localhost:3999" }, "no-origin");
    expect(result).toMatchObject({ ok: false, code: "auth/csrf" });
    expect(created).toBe(0);
  });

  it("refuses a cross-site Origin even when Host is forged to match it", async () => {
    const { result, created } = await createTokenWith({ origin: "https://evil.example", host: "evil.example", "x-forwarded-host": "evil.example" }, "forged-host");
    expect(result).toMatchObject({ ok: false, code: "auth/csrf" });
    expect(created).toBe(0);
  });

  it("accepts APP_URL's origin", async () => {
    const { result, created } = await createTokenWith({ origin: APP_ORIGIN, host: "localhost:3999" }, "same-origin");
    expect(result.ok).toBe(true);
    expect(created).toBe(1);
  });
});

describe("the API's same-origin check trusts only APP_URL", () => {
  it("refuses an Origin that matches only the claimed Host", async () => {
    const res = await call(pocsRoute.POST, {
      method: "POST",
      path: "/api/v1/pocs",
      body: { title: "Forged host" },
      headers: { cookie: await sessionCookie("acmeAdmin"), origin: "http://evil.example", host: "evil.example" },
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("auth/csrf");
  });
});
