/**
 * Helpers for the verified-viewer suites (issue 18): links with viewer options, the code
 * emails in the outbox, and the public API calls a viewer makes.
 */
import { and, desc, eq } from "drizzle-orm";
import { expect } from "vitest";
import * as publicLinkRoute from "@/app/api/v1/pocs/[poc_id]/public-link/route";
import * as publicView from "@/app/api/v1/public/pocs/[token]/route";
import * as publicUnlock from "@/app/api/v1/public/pocs/[token]/unlock/route";
import * as verificationCode from "@/app/api/v1/public/pocs/[token]/verification-code/route";
import * as grantRoute from "@/app/api/v1/sharing/grants/[grant_id]/route";
import { getDb } from "@/db/client";
import { emailOutbox, shareEmailCodes } from "@/db/schema";
import { CLIENT_IP_HEADER } from "@/lib/api/client-ip";
import { asUser, call, pocId, type DemoPocKey } from "../helpers";

/** A fresh link on a demo POC (revoking the live one first) with the given options. */
export async function verifiedLink(poc: DemoPocKey, options: Record<string, unknown> = { require_verified_email: true }) {
  const admin = await asUser("acmeAdmin");
  const id = await pocId(poc);
  await admin(publicLinkRoute.DELETE, { method: "DELETE", params: { poc_id: id } });
  const res = await admin(publicLinkRoute.POST, { method: "POST", path: `/api/v1/pocs/${id}/public-link`, params: { poc_id: id }, body: options });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { grantId: res.body.id as string, token: res.body.access_token as string, pocId: id };
}

export async function patchLink(grantId: string, body: Record<string, unknown>) {
  const admin = await asUser("acmeAdmin");
  return admin(grantRoute.PATCH, { method: "PATCH", params: { grant_id: grantId }, body });
}

/** A different documentation-range address per call, so suites do not share per-IP limits by accident. */
let ipCounter = 0;
export const nextIp = () => `198.18.${Math.floor(++ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;

const fromIp = (ip: string, pass?: string) => ({ [CLIENT_IP_HEADER]: ip, ...(pass ? { authorization: `Bearer ${pass}` } : {}) });

export const askCode = (token: string, email: string, ip = nextIp(), pass?: string) =>
  call(verificationCode.POST as never, { method: "POST", params: { token }, body: { email }, headers: fromIp(ip, pass) });

export const enterCode = (token: string, email: string, code: string, ip = nextIp(), pass?: string) =>
  call(publicUnlock.POST as never, { method: "POST", params: { token }, body: { email, code }, headers: fromIp(ip, pass) });

export const apiView = (token: string, pass?: string) => call(publicView.GET as never, { params: { token }, headers: pass ? { authorization: `Bearer ${pass}` } : {} });

/** The code emails sent to `email`, newest first. */
export function codeMails(email: string) {
  return getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).orderBy(desc(emailOutbox.createdAt));
}

/** The 6-digit code of the newest email to `email` (read from the outbox, as the recipient would). */
export async function latestCode(email: string): Promise<string> {
  const [mail] = await codeMails(email);
  const code = /\b(\d{6})\b/.exec(mail?.textBody ?? "")?.[1];
  if (!code) throw new Error(`no code email for ${email}`);
  return code;
}

export const codeRows = (grantId: string, email: string) =>
  getDb().select().from(shareEmailCodes).where(and(eq(shareEmailCodes.grantId, grantId), eq(shareEmailCodes.email, email))).orderBy(desc(shareEmailCodes.createdAt));

/** Asks for a code and enters it: the viewer's pass. */
export async function verifiedPass(token: string, email: string, ip = nextIp()): Promise<string> {
  expect((await askCode(token, email, ip)).status).toBe(202);
  const res = await enterCode(token, email, await latestCode(email), ip);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.access_token as string;
}

/** A different wrong code for each try (never the right one). */
export const wrongCodes = (right: string, n: number) =>
  Array.from({ length: n }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, "0"));
