/**
 * Idempotency-Key for POST creates: the same key and body replay the stored response; the
 * same key with another body is 422; a key whose first request is still running is 409.
 * Keys are scoped to the caller, live 24 hours, and live in Postgres so every app instance
 * sees them. Stored responses are sealed with AES-GCM: they can contain share tokens.
 */
import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { decryptSecret, encryptSecret, sha256 } from "@/lib/security/crypto";
import * as repo from "./repo";

const TTL_HOURS = 24;
export const IdempotencyKey = z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, "Use printable ASCII characters");

export type StoredResponse = { status: number; body: unknown; replayed: boolean };

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export async function withIdempotency(
  scope: string,
  rawKey: string | null,
  request: { method: string; path: string; body: unknown },
  run: () => Promise<{ status: number; body: unknown }>,
  /** Runs before a stored response is replayed: a caller who lost the right gets the normal error. */
  authorize: () => Promise<unknown> = async () => undefined,
): Promise<StoredResponse> {
  if (rawKey === null) return { ...(await run()), replayed: false };
  const parsedKey = IdempotencyKey.safeParse(rawKey);
  if (!parsedKey.success) {
    throw new AppError("request/invalid", "The request has invalid fields", {
      fields: [{ field: "Idempotency-Key", message: "1 to 255 printable ASCII characters" }],
    });
  }
  const key = parsedKey.data;
  const requestHash = sha256(`${request.method} ${request.path}\n${stableStringify(request.body)}`);

  for (let attempt = 0; attempt < 2; attempt++) {
    const claimed = await repo.claimKey(scope, key, requestHash, TTL_HOURS);
    if (claimed) {
      try {
        const response = await run();
        await repo.completeKey(claimed, response.status, encryptSecret(JSON.stringify(response.body)));
        return { ...response, replayed: false };
      } catch (error) {
        // A failed request stores nothing: the client may retry it with the same key.
        await repo.releaseKey(claimed);
        throw error;
      }
    }
    const existing = await repo.findKey(scope, key);
    if (!existing) continue; // released between our claim and read: try again
    if (existing.expired) {
      await repo.deleteExpiredKey(existing.id);
      continue;
    }
    if (existing.requestHash !== requestHash) {
      throw new AppError("idempotency/key-reused", "This Idempotency-Key was already used with a different request");
    }
    if (existing.responseStatus === null || typeof existing.responseBody !== "string") {
      throw new AppError("idempotency/in-flight", "A request with this Idempotency-Key is still in progress", { headers: { "retry-after": "1" } });
    }
    await authorize();
    return { status: existing.responseStatus, body: JSON.parse(decryptSecret(existing.responseBody)), replayed: true };
  }
  throw new AppError("idempotency/in-flight", "A request with this Idempotency-Key is still in progress", { headers: { "retry-after": "1" } });
}
