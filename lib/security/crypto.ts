/**
 * Token primitives shared by API tokens, share links, invites and unlock cookies.
 * Everything secret is derived from the one server secret (config().secret).
 */
import { createCipheriv, createDecipheriv, createHmac, hash, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";

/** 32 bytes from the CSPRNG as base64url (43 characters), optionally after a readable prefix. */
export function randomToken(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** One-shot hash (crypto.hash, Node 20.12+): no Hash object per call on the share hot path. */
export function sha256(value: string): string {
  return hash("sha256", value, "hex");
}

const derivedKeys = new Map<string, Buffer>();

/** One key per purpose, derived once per secret (HKDF is too slow to repeat per request). */
function derivedKey(purpose: string): Buffer {
  const cacheKey = `${config().secret}\u0000${purpose}`;
  let key = derivedKeys.get(cacheKey);
  if (!key) derivedKeys.set(cacheKey, (key = Buffer.from(hkdfSync("sha256", config().secret, "poc-manager", purpose, 32))));
  return key;
}

/** AES-256-GCM, so admins can copy a link again while a database dump alone opens nothing. */
export function encryptSecret(plain: string, purpose = "token-encryption"): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey(purpose), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((part) => part.toString("base64url")).join(".");
}

export function decryptSecret(sealed: string, purpose = "token-encryption"): string {
  const [iv, tag, data] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
  if (!iv || !tag || !data) throw new Error("Malformed sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", derivedKey(purpose), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
}

export function hmac(purpose: string, value: string): string {
  return createHmac("sha256", derivedKey(purpose)).update(value).digest("base64url");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
