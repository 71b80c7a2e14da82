import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { MAX_JSON_BODY_BYTES } from "@/lib/api/body-limits";
import { refuseOversizedAction } from "@/lib/http/action-body";

function exchange(method: string, headers: Record<string, string>) {
  const sent: { status?: number; headers?: Record<string, unknown>; body?: string } = {};
  const res = {
    writeHead(status: number, h: Record<string, unknown>) {
      sent.status = status;
      sent.headers = h;
      return { end: (body: string) => void (sent.body = body) };
    },
  } as unknown as ServerResponse;
  const refused = refuseOversizedAction({ method, headers } as unknown as IncomingMessage, res);
  return { refused, sent };
}

describe("server-action bodies over the limit (SECURITY 30)", () => {
  it("answers 413 problem+json to a declared size over the limit, before Next reads a byte", () => {
    const { refused, sent } = exchange("POST", { "next-action": "abc", "content-length": String(MAX_JSON_BODY_BYTES + 1) });
    expect(refused).toBe(true);
    expect(sent.status).toBe(413);
    expect(sent.headers?.["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(sent.body!)).toMatchObject({ status: 413, code: "request/too-large" });
  });

  it("lets everything else through: at the limit, other methods, posts that are not actions", () => {
    expect(exchange("POST", { "next-action": "abc", "content-length": String(MAX_JSON_BODY_BYTES) }).refused).toBe(false);
    expect(exchange("GET", { "next-action": "abc", "content-length": String(MAX_JSON_BODY_BYTES + 1) }).refused).toBe(false);
    expect(exchange("POST", { "content-length": String(MAX_JSON_BODY_BYTES + 1) }).refused).toBe(false);
    expect(exchange("POST", { "next-action": "abc" }).refused).toBe(false);
  });
});
