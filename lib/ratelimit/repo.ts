import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { rateLimitBuckets } from "@/db/schema";

/**
 * Counts one hit in a fixed window, atomically (one upsert), so concurrent requests on any
 * number of app instances never over-count or slip through. Returns the count including
 * this hit and the seconds until the window resets.
 */
export async function hit(key: string, windowSeconds: number): Promise<{ count: number; resetInSeconds: number }> {
  const fresh = sql`${rateLimitBuckets.windowStart} <= now() - make_interval(secs => ${windowSeconds})`;
  const [row] = await getDb()
    .insert(rateLimitBuckets)
    .values({ key, count: 1, windowStart: sql`now()` })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: {
        count: sql`case when ${fresh} then 1 else ${rateLimitBuckets.count} + 1 end`,
        windowStart: sql`case when ${fresh} then now() else ${rateLimitBuckets.windowStart} end`,
      },
    })
    .returning({
      count: rateLimitBuckets.count,
      resetInSeconds: sql<number>`greatest(1, ceil(extract(epoch from (${rateLimitBuckets.windowStart} + make_interval(secs => ${windowSeconds}) - now()))))::int`,
    });
  return row!;
}

/** Gives one hit back (a successful attempt does not count as a failure). */
export async function refund(key: string): Promise<void> {
  await getDb()
    .update(rateLimitBuckets)
    .set({ count: sql`greatest(${rateLimitBuckets.count} - 1, 0)` })
    .where(eq(rateLimitBuckets.key, key));
}
