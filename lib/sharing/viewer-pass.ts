/**
 * The viewer pass: what an anonymous viewer has proven for one grant (its password, at a
 * given password version; the email they gave for the watermark, or proved with a one-time
 * code at a given option version). Sealed with an HMAC and bound to the grant id, so a pass
 * for link X never opens link Y, and bumping the grant's password or option version ends every
 * pass issued before — without a lookup of its own: the versions travel in the pass. Sent as
 * an HttpOnly cookie to browsers and as a bearer credential to API clients.
 */
import { hmac, safeEqual, sha256 } from "@/lib/security/crypto";

export type ViewerPass = {
  grantId: string;
  passwordVersion: number | null;
  email: string | null;
  expiresAt: number;
  /** The grant's option version when `email` was proven with a code; null when it was only typed. */
  verifiedOptionVersion?: number | null;
};

const PURPOSE = "share-viewer-pass";
export const PASS_TTL_SECONDS = 12 * 60 * 60;

export const passCookieName = (grantId: string) => `pm_share_${grantId.replaceAll("-", "")}`;

function seal(purpose: string, fields: unknown[]): string {
  const payload = Buffer.from(JSON.stringify(fields)).toString("base64url");
  return `${payload}.${hmac(purpose, payload)}`;
}

function unseal(purpose: string, sealed: string | null | undefined): unknown[] | null {
  if (!sealed || sealed.length > 2048) return null;
  const [payload, mac] = sealed.split(".");
  if (!payload || !mac || !safeEqual(mac, hmac(purpose, payload))) return null;
  try {
    const fields: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return Array.isArray(fields) ? fields : null;
  } catch {
    return null;
  }
}

export function sealPass(pass: ViewerPass): string {
  return seal(PURPOSE, [pass.grantId, pass.passwordVersion, pass.email, pass.expiresAt, pass.verifiedOptionVersion ?? null]);
}

/** The pass if its seal is intact and it has not expired, whichever grant it is for. */
export function unsealPass(sealed: string | null | undefined, now = Date.now()): ViewerPass | null {
  const fields = unseal(PURPOSE, sealed);
  if (!fields) return null;
  const [id, version, email, expiresAt, verifiedOptionVersion] = fields as [string, number | null, string | null, number, number | null | undefined];
  if (typeof id !== "string" || typeof expiresAt !== "number" || expiresAt <= now) return null;
  return { grantId: id, passwordVersion: version, email, expiresAt, verifiedOptionVersion: verifiedOptionVersion ?? null };
}

/** The pass if it is intact, unexpired and bound to `grantId`. */
export function openPass(sealed: string | null | undefined, grantId: string, now = Date.now()): ViewerPass | null {
  const pass = unsealPass(sealed, now);
  return pass?.grantId === grantId ? pass : null;
}

/**
 * The share page's pending verification: which email this browser asked a code for, so the
 * page shows the code form. Sealed and bound to the link (a digest of its token, which the
 * page has before any lookup); the code itself is never in it.
 */
export type CodeChallenge = { email: string; expiresAt: number };
const CHALLENGE_PURPOSE = "share-code-challenge";
const linkBinding = (token: string) => sha256(token.slice(0, 512));

export const sealChallenge = (token: string, challenge: CodeChallenge): string =>
  seal(CHALLENGE_PURPOSE, [linkBinding(token), challenge.email, challenge.expiresAt]);

export function openChallenge(sealed: string | null | undefined, token: string, now = Date.now()): CodeChallenge | null {
  const fields = unseal(CHALLENGE_PURPOSE, sealed);
  if (!fields) return null;
  const [link, email, expiresAt] = fields as [string, string, number];
  if (link !== linkBinding(token) || typeof email !== "string" || typeof expiresAt !== "number" || expiresAt <= now) return null;
  return { email, expiresAt };
}
