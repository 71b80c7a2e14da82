import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, fieldErrorsOf, invalid, problemResponse, type ErrorCode } from "@/lib/api/errors";
import { captureLogs } from "@/lib/log";

async function problem(error: unknown, instance?: string) {
  const res = problemResponse(error, instance);
  return { res, body: (await res.json()) as Record<string, unknown> };
}

describe("problemResponse", () => {
  it.each<[ErrorCode, number]>([
    ["request/malformed", 400],
    ["request/invalid", 422],
    ["auth/unauthorized", 401],
    ["auth/forbidden", 403],
    ["auth/csrf", 403],
    ["resource/not-found", 404],
    ["share/expired", 403],
    ["share/revoked", 403],
    ["share/password-required", 401],
    ["share/rate-limited", 429],
    ["idempotency/key-reused", 422],
    ["idempotency/in-flight", 409],
  ])("answers %s with status %i as problem+json", async (code, status) => {
    const { res, body } = await problem(new AppError(code), "/api/v1/pocs");
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(body).toMatchObject({ type: `https://poc-manager.dev/problems/${code}`, status, code, instance: "/api/v1/pocs" });
    expect(typeof body.title).toBe("string");
  });

  it("lists the failing fields of a validation error", async () => {
    const schema = z.strictObject({ title: z.string().min(1), end_date: z.iso.date() });
    const parsed = schema.safeParse({ title: "", end_date: "soon", extra: 1 });
    if (parsed.success) throw new Error("expected a validation error");
    const { res, body } = await problem(invalid(parsed.error));
    expect(res.status).toBe(422);
    expect(body.code).toBe("request/invalid");
    expect((body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(["end_date", "extra", "title"]);
  });

  it("passes the error's headers and extra members through", async () => {
    const error = new AppError("share/rate-limited", "Slow down", { headers: { "retry-after": "300" }, extra: { retry_after: 300 } });
    const { res, body } = await problem(error);
    expect(res.headers.get("retry-after")).toBe("300");
    expect(body).toMatchObject({ detail: "Slow down", retry_after: 300 });
    expect(body).not.toHaveProperty("instance");
    expect(body).not.toHaveProperty("errors");
  });

  it("turns unknown errors into a 500 server/error without leaking the message", async () => {
    const log = captureLogs();
    try {
      const res = problemResponse(new Error("password authentication failed for user pocm at 10.1.2.3"));
      const text = await res.text();
      expect(res.status).toBe(500);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(JSON.parse(text).code).toBe("server/error");
      expect(text).not.toMatch(/password authentication|10\.1\.2\.3/);
      // Logged once, through the app's logger (the detail stays in the log, not the body).
      expect(log.lines).toHaveLength(1);
      expect(log.lines[0]).toContain("password authentication failed");
    } finally {
      log.stop();
    }
  });
});

describe("fieldErrorsOf", () => {
  it("names the unknown field and prefixes nested paths", () => {
    const parsed = z.strictObject({ a: z.object({ b: z.number() }) }).safeParse({ a: { b: "x" }, zzz: true });
    if (parsed.success) throw new Error("expected a validation error");
    expect(fieldErrorsOf(parsed.error, ["query"]).map((e) => e.field).sort()).toEqual(["query.a.b", "query.zzz"]);
  });
});
