/**
 * Embed tokens: JWTs signed with the tenant's key (jose, EdDSA), carrying the grant id.
 * Verification accepts exactly the algorithm we issue, a `typ` of our own, our issuer and
 * audience, with at most 60 s of clock leeway; whether the grant (and the key's grace period)
 * still holds is the caller's next step, in the database, on every request.
 */
import { randomBytes } from "node:crypto";
import { compactVerify, decodeProtectedHeader, errors, jwtVerify, SignJWT } from "jose";
import type { EmbedSigningKey } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { config } from "@/lib/config";
import { EMBED_ALG, signingKeyOf, verificationKey } from "./keys";

export const EMBED_AUDIENCE = "poc-manager/embed";
export const EMBED_TYP = "poc-embed+jwt";
const LEEWAY_SECONDS = 60;
/** Far longer than any real token (≈400 characters); bigger ones are refused unparsed. */
const MAX_TOKEN_LENGTH = 2048;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type EmbedClaims = { grantId: string; tenantId: string; viewer: string | null; issuedAt: Date; expiresAt: Date; jti?: string };

export type VerifiedEmbedToken = { grantId: string; tenantId: string; kid: string; viewer: string | null; expiresAt: Date };

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export async function signEmbedToken(key: EmbedSigningKey, claims: EmbedClaims): Promise<string> {
  const payload: Record<string, unknown> = { tid: claims.tenantId };
  if (claims.viewer) payload.viewer = claims.viewer;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: EMBED_ALG, kid: key.kid, typ: EMBED_TYP })
    .setIssuer(config().appUrl)
    .setAudience(EMBED_AUDIENCE)
    .setSubject(claims.grantId)
    .setIssuedAt(seconds(claims.issuedAt))
    .setNotBefore(seconds(claims.issuedAt))
    .setExpirationTime(seconds(claims.expiresAt))
    .setJti(claims.jti ?? randomBytes(16).toString("base64url"))
    .sign(await signingKeyOf(key));
}

const invalidToken = () => new AppError("embed/invalid", "This embed link is not valid");
const expiredToken = () => new AppError("embed/expired", "This embed link has expired");

/** The key named by the token's header, when the header is ours (alg, typ) and the kid known. */
async function keyOf(token: string) {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== EMBED_ALG || header.typ !== EMBED_TYP || typeof header.kid !== "string" || header.kid.length > 64) return null;
    return await verificationKey(header.kid);
  } catch {
    return null;
  }
}

/** Verifies signature and claims; throws embed/invalid or embed/expired, never saying more. */
export async function verifyEmbedToken(token: string): Promise<VerifiedEmbedToken> {
  const key = await keyOf(token);
  if (!key) throw invalidToken();
  try {
    const { payload } = await jwtVerify(token, key.key, {
      algorithms: [EMBED_ALG],
      typ: EMBED_TYP,
      issuer: config().appUrl,
      audience: EMBED_AUDIENCE,
      clockTolerance: LEEWAY_SECONDS,
      requiredClaims: ["sub", "tid", "iat", "exp", "jti"],
    });
    // A key signs only for its own tenant: a token naming another tenant is forged.
    if (payload.tid !== key.tenantId || typeof payload.sub !== "string" || !UUID.test(payload.sub)) throw invalidToken();
    const viewer = typeof payload.viewer === "string" ? payload.viewer : null;
    return { grantId: payload.sub, tenantId: key.tenantId, kid: key.kid, viewer, expiresAt: new Date(payload.exp! * 1000) };
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw expiredToken();
    throw invalidToken();
  }
}

/**
 * Signature only (no time or claim checks): which grant a genuine but refused token is for, so
 * its error page can still be framed where the embed lives. Null for anything not genuine.
 */
export async function signedGrantOf(token: string): Promise<{ grantId: string; tenantId: string; kid: string } | null> {
  const key = await keyOf(token);
  if (!key) return null;
  try {
    const { payload } = await compactVerify(token, key.key, { algorithms: [EMBED_ALG] });
    const claims = JSON.parse(new TextDecoder().decode(payload)) as { sub?: unknown; tid?: unknown; aud?: unknown };
    if (claims.tid !== key.tenantId || claims.aud !== EMBED_AUDIENCE || typeof claims.sub !== "string" || !UUID.test(claims.sub)) return null;
    return { grantId: claims.sub, tenantId: key.tenantId, kid: key.kid };
  } catch {
    return null;
  }
}
