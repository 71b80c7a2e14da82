/**
 * Password hashing with Argon2id at OWASP's minimum parameters (m=19 MiB, t=2, p=1).
 * @node-rs/argon2 runs on libuv's thread pool, so hashing never blocks the event loop.
 */
import { hash, verify } from "@node-rs/argon2";

// Argon2id is the library's default algorithm; the const enum is not importable under isolatedModules.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
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
