/**
 * The viewer pass: what an anonymous viewer has proven for one grant (its password, at a
 * given password version; the email they gave for the watermark). Sealed with an HMAC and
 * bound to the grant id, so a pass for link X never opens link Y, and bumping the grant's
 * password version ends every pass issued before. Sent as an HttpOnly cookie to browsers and
 * as a bearer credential to API clients.
 */
import { hmac, safeEqual } from "@/lib/security/crypto";

export type ViewerPass = { grantId: string; passwordVersion: number | null; email: string | null; expiresAt: number };

const PURPOSE = "share-viewer-pass";
export const PASS_TTL_SECONDS = 12 * 60 * 60;

export const passCookieName = (grantId: string) => `pm_share_${grantId.replaceAll("-", "")}`;

export function sealPass(pass: ViewerPass): string {
  const payload = Buffer.from(JSON.stringify([pass.grantId, pass.passwordVersion, pass.email, pass.expiresAt])).toString("base64url");
  return `${payload}.${hmac(PURPOSE, payload)}`;
}

/** The pass if its seal is intact and it has not expired, whichever grant it is for. */
export function unsealPass(sealed: string | null | undefined, now = Date.now()): ViewerPass | null {
  if (!sealed || sealed.length > 2048) return null;
  const [payload, mac] = sealed.split(".");
  if (!payload || !mac || !safeEqual(mac, hmac(PURPOSE, payload))) return null;
  try {
    const [id, version, email, expiresAt] = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as [string, number | null, string | null, number];
    if (typeof id !== "string" || typeof expiresAt !== "number" || expiresAt <= now) return null;
    return { grantId: id, passwordVersion: version, email, expiresAt };
  } catch {
    return null;
  }
}

/** The pass if it is intact, unexpired and bound to `grantId`. */
export function openPass(sealed: string | null | undefined, grantId: string, now = Date.now()): ViewerPass | null {
  const pass = unsealPass(sealed, now);
  return pass?.grantId === grantId ? pass : null;
}
