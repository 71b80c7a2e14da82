/**
 * One-time email codes for verified share links: 6 digits from the CSPRNG, stored only as an
 * HMAC keyed by the server secret and bound to the code's row, link and email (a database dump
 * cannot be brute-forced offline), valid 10 minutes and 5 tries, then a new code is needed.
 * The email goes through the outbox in the same transaction as the code; it carries no link,
 * so a leaked or scanned code email opens nothing, and nothing here logs the email or the code.
 * Who may ask, and how often, is decided by the share service before it calls these.
 */
import { randomInt, randomUUID } from "node:crypto";
import { transaction } from "@/lib/db/repo";
import { kickEmailDelivery, queueEmail } from "@/lib/email/service";
import { hmac } from "@/lib/security/crypto";
import * as repo from "./repo";

export const CODE_TTL_SECONDS = 10 * 60;
export const CODE_MAX_TRIES = 5;

/** The stored form of a code: nothing in the row can be checked against a guess without the secret. */
export const codeHash = (codeId: string, grantId: string, email: string, code: string): string =>
  hmac("share-email-code", `${codeId}\u0000${grantId}\u0000${email}\u0000${code}`);

export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, "0");

function codeEmail(code: string): { subject: string; text: string } {
  return {
    subject: "Your poc-manager verification code",
    text: [
      `Your verification code is ${code}`,
      "",
      `Enter it on the page where you asked for it. It works for ${CODE_TTL_SECONDS / 60} minutes and for ${CODE_MAX_TRIES} tries.`,
      "",
      "This email has no link in it on purpose: the code opens nothing by itself, and only in the browser that asked for it.",
      "If you did not ask for a code, you can ignore this email.",
    ].join("\n"),
  };
}

/** Replaces any open code of this link and email with a new one and queues its email. */
export async function sendViewerCode(grant: { id: string; tenantId: string }, email: string): Promise<{ expiresAt: Date }> {
  const code = newCode();
  const id = randomUUID();
  const expiresAt = await transaction(async (tx) => {
    await repo.replaceOpenCodes(tx, grant.id, email);
    const expires = await repo.insertCode(tx, { id, grantId: grant.id, email, codeHash: codeHash(id, grant.id, email, code), ttlSeconds: CODE_TTL_SECONDS });
    await queueEmail(tx, { tenantId: grant.tenantId, to: email, ...codeEmail(code), oneTimeSecret: true });
    return expires;
  });
  kickEmailDelivery();
  return { expiresAt };
}

export type CodeCheck = { ok: true } | { ok: false; reason: "wrong"; triesLeft: number } | { ok: false; reason: "expired" | "locked" };

/** One try at the open code of this link and email (each try counts, right or wrong). */
export async function checkViewerCode(grantId: string, email: string, code: string): Promise<CodeCheck> {
  const open = await repo.findOpenCode(grantId, email);
  if (!open || open.expired) return { ok: false, reason: "expired" };
  if (open.attempts >= CODE_MAX_TRIES) return { ok: false, reason: "locked" };
  const result = await repo.tryCode(open.id, codeHash(open.id, grantId, email, code), CODE_MAX_TRIES);
  if (!result) return { ok: false, reason: "expired" }; // spent, replaced or out of time meanwhile
  if (result.matched) return { ok: true };
  const triesLeft = CODE_MAX_TRIES - result.attempts;
  return triesLeft > 0 ? { ok: false, reason: "wrong", triesLeft } : { ok: false, reason: "locked" };
}

/** Old codes go after a day (the background sweep): nothing reads them once expired. */
export const purgeExpiredCodes = (): Promise<number> => repo.deleteExpiredCodes(24 * 60 * 60);
