/**
 * Password hashing with Argon2id at OWASP's minimum parameters (m=19 MiB, t=2, p=1).
 * @node-rs/argon2 runs on libuv's thread pool, so hashing never blocks the event loop.
 */
import { hash, verify } from "@node-rs/argon2";

// Argon2id is the library's default algorithm; the const enum is not importable under isolatedModules.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * At most this many Argon2 computations at once. Each takes ~19 MiB and a core for tens of
 * milliseconds; on a small machine a burst of password attempts would otherwise take every
 * core from the requests that need none. Extra attempts wait their turn.
 */
const MAX_CONCURRENT_HASHES = 1;
let running = 0;
const queue: (() => void)[] = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => queue.push(resolve));
  else running += 1;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next waiter, or free it.
    const next = queue.shift();
    if (next) next();
    else running -= 1;
  }
}

export function hashPassword(password: string): Promise<string> {
  return withHashSlot(() => hash(password, ARGON2_OPTIONS));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await withHashSlot(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so a missing account is not told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("dummy-password-for-timing-equalisation");
  await verifyPassword(await dummyHash, password);
  return false;
}
