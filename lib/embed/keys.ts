/**
 * Per-tenant embed signing keys (Ed25519, EdDSA). Private keys are sealed with the app secret
 * (AES-256-GCM under their own HKDF purpose); a database dump alone signs nothing. Imported
 * keys are cached per kid — a kid's key material never changes — but whether a key may still
 * verify (its grace period) is read live with the grant on every request.
 */
import { randomBytes } from "node:crypto";
import { exportJWK, exportPKCS8, generateKeyPair, importJWK, importPKCS8, type CryptoKey, type JWK } from "jose";
import type { EmbedSigningKey } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/lib/security/crypto";
import * as repo from "./repo";

export const EMBED_ALG = "EdDSA";
const SEAL_PURPOSE = "embed-signing-key";
/** How long tokens of a rotated-out key keep working, unless an admin ends it early. */
export const KEY_GRACE_MS = 24 * 60 * 60 * 1000;

export type VerificationKey = { kid: string; tenantId: string; key: CryptoKey };

const publicKeys = new Map<string, VerificationKey>();
const privateKeys = new Map<string, CryptoKey>();
const MAX_CACHED = 1000;

function remember<V>(cache: Map<string, V>, kid: string, value: V): V {
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(kid, value);
  return value;
}

/** A new key pair's row values: a random kid, the public JWK, the sealed private key. */
export async function newKeyValues(tenantId: string, createdByUserId: string | null) {
  const { publicKey, privateKey } = await generateKeyPair(EMBED_ALG, { crv: "Ed25519", extractable: true });
  const kid = `ek_${randomBytes(12).toString("base64url")}`;
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: EMBED_ALG, use: "sig" };
  return { tenantId, kid, alg: EMBED_ALG, publicJwk, privateKeyEncrypted: encryptSecret(await exportPKCS8(privateKey), SEAL_PURPOSE), createdByUserId };
}

/** The tenant's current signing key, created on first use (concurrent first uses agree on one). */
export async function currentKey(tenantId: string, createdByUserId: string | null): Promise<EmbedSigningKey> {
  const existing = await repo.findCurrentKey(tenantId);
  if (existing) return existing;
  const inserted = await repo.insertFirstKey(await newKeyValues(tenantId, createdByUserId));
  return inserted ?? (await repo.findCurrentKey(tenantId))!;
}

export async function signingKeyOf(row: EmbedSigningKey): Promise<CryptoKey> {
  return privateKeys.get(row.kid) ?? remember(privateKeys, row.kid, await importPKCS8(decryptSecret(row.privateKeyEncrypted, SEAL_PURPOSE), EMBED_ALG));
}

/** The public key for a kid, from the cache or the database; null for an unknown kid. */
export async function verificationKey(kid: string): Promise<VerificationKey | null> {
  const cached = publicKeys.get(kid);
  if (cached) return cached;
  // Unknown kids are not cached: they are free for anyone to invent.
  const row = await repo.findVerificationKey(kid);
  if (!row || row.alg !== EMBED_ALG) return null;
  const key = (await importJWK(row.publicJwk as JWK, EMBED_ALG)) as CryptoKey;
  return remember(publicKeys, kid, { kid, tenantId: row.tenantId, key });
}
