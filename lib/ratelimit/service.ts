/**
 * Database-backed rate limits (shared by every app instance). A hit is taken *before* the
 * expensive work it guards (e.g. Argon2 verification), so a burst cannot outrun the count.
 */
import { AppError, type ErrorCode } from "@/lib/api/errors";
import * as repo from "./repo";

export type Limit = { key: string; max: number; windowSeconds: number };

/** Takes one hit on every limit; throws 429 with Retry-After when any is exceeded. */
export async function consume(limits: Limit[], message: string, code: ErrorCode = "share/rate-limited"): Promise<void> {
  for (const limit of limits) {
    const { count, resetInSeconds } = await repo.hit(limit.key, limit.windowSeconds);
    if (count > limit.max) {
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
