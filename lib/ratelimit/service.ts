/**
 * Database-backed rate limits (shared by every app instance). A hit is taken *before* the
 * expensive work it guards (e.g. Argon2 verification), so a burst cannot outrun the count.
 */
import { AppError, type ErrorCode } from "@/lib/api/errors";
import { countRateLimitHit } from "@/lib/metrics/registry";
import * as repo from "./repo";

export type Limit = { key: string; max: number; windowSeconds: number };

/**
 * The metric label of a key: its leading words ("share-unlock:ip" of "share-unlock:ip:<grant>:<ip>"),
 * never an id, address or email, so the label set stays small.
 */
export function limitName(key: string): string {
  const words: string[] = [];
  for (const part of key.split(":")) {
    if (!/^[a-z][a-z-]{0,30}$/.test(part)) break;
    words.push(part);
  }
  return words.join(":") || "other";
}

/** Takes one hit on every limit; throws 429 with Retry-After when any is exceeded. */
export async function consume(limits: Limit[], message: string, code: ErrorCode = "share/rate-limited"): Promise<void> {
  for (const limit of limits) {
    const { count, resetInSeconds } = await repo.hit(limit.key, limit.windowSeconds);
    if (count > limit.max) {
      countRateLimitHit(limitName(limit.key));
      throw new AppError(code, message, {
        headers: { "retry-after": String(resetInSeconds) },
        extra: { retry_after_seconds: resetInSeconds },
      });
    }
  }
}

export async function refund(limits: Limit[]): Promise<void> {
  for (const limit of limits) await repo.refund(limit.key);
}
