/**
 * Opens the session cookie on every signed-in request. next-auth issues it at sign-in: a
 * compact JWE (alg "dir", enc "A256GCM") under a key HKDF-derived from APP_SECRET. next-auth's
 * own decode derives that key again and goes through jose on every call, which profiles of
 * the member's API reads showed as their largest cost after the database; here the key is
 * derived once per secret and the decryption is one node:crypto call.
 *
 * The checks are next-auth's: exactly this header, a tag that verifies (so no byte of the
 * header, IV or payload can change), and an expiry in the future (with its 15 s tolerance).
 * A new APP_SECRET derives another key, so every cookie of the old one stops opening. The
 * session row stays the truth (lib/auth/sessions.ts): this only yields the session id.
 */
import { createDecipheriv, createSecretKey, hkdfSync, type KeyObject } from "node:crypto";

/** next-auth v4's key derivation (jwt/index.js, getDerivedEncryptionKey) with its default empty salt. */
const KEY_INFO = "NextAuth.js Generated Encryption Key";
const CLOCK_TOLERANCE_SECONDS = 15;
const IV_BYTES = 12;
const TAG_BYTES = 16;

const keys = new Map<string, KeyObject>();

function keyFor(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    // One entry per secret this process has used (a rotation adds one); never per request.
    if (keys.size > 8) keys.clear();
    keys.set(secret, (key = createSecretKey(Buffer.from(hkdfSync("sha256", secret, "", KEY_INFO, 32)))));
  }
  return key;
}

const b64url = /^[A-Za-z0-9_-]+$/;

/** The header of every cookie next-auth v4 encrypts, base64url-encoded exactly as it writes it. */
const HEADER = Buffer.from(JSON.stringify({ alg: "dir", enc: "A256GCM" })).toString("base64url");

/**
 * The claims of a session cookie value, or null when it is malformed, was not encrypted under
 * `secret`, was altered, or has expired.
 */
export function openSessionToken(token: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): Record<string, unknown> | null {
  if (token.length > 4096) return null;
  const parts = token.split(".");
  if (parts.length !== 5) return null;
  const [header, encryptedKey, ivText, cipherText, tagText] = parts as [string, string, string, string, string];
  // "dir" carries no encrypted key; any other header (another alg, zip, crit) is refused.
  if (header !== HEADER || encryptedKey !== "") return null;
  if (![ivText, cipherText, tagText].every((part) => b64url.test(part))) return null;
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return null;
  let claims: unknown;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(secret), iv, { authTagLength: TAG_BYTES });
    // The protected header is the additional authenticated data (RFC 7516, 5.1 step 14).
    decipher.setAAD(Buffer.from(header, "ascii"));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(Buffer.from(cipherText, "base64url")), decipher.final()]);
    claims = JSON.parse(plain.toString("utf8"));
  } catch {
    return null;
  }
  if (!claims || typeof claims !== "object" || Array.isArray(claims)) return null;
  const { exp, nbf } = claims as { exp?: unknown; nbf?: unknown };
  // next-auth always sets exp; a cookie without one is not one of ours.
  if (typeof exp !== "number" || exp <= nowSeconds - CLOCK_TOLERANCE_SECONDS) return null;
  if (nbf !== undefined && (typeof nbf !== "number" || nbf > nowSeconds + CLOCK_TOLERANCE_SECONDS)) return null;
  return claims as Record<string, unknown>;
}
