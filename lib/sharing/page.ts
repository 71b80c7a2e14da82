/**
 * The share-token wrappers for the share page and its server actions (the page-side sibling
 * of `withShare` in lib/api/handler.ts): the ShareRequest from the request's cookie and
 * headers, the page's state, and the form actions' cookie, redirect and status.
 */
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { assertSameOrigin } from "@/lib/api/handler";
import { AppError } from "@/lib/api/errors";
import { clientIpFrom } from "@/lib/api/client-ip";
import { config } from "@/lib/config";
import { setResponseStatus } from "@/lib/http/response-context";
import { pocViewFromPublic, todayIso, type PocView } from "@/lib/pocs/view-model";
import { SHARE_CODE_COOKIE, SHARE_PASS_COOKIE } from "./http";
import { openChallenge, sealChallenge } from "./viewer-pass";
import * as publicShare from "./public-service";
import { formValues, type FormOutcome } from "./share-forms";
import type { GrantAction } from "@/db/schema";

export const sharePath = (token: string): string => `/share/${encodeURIComponent(token)}`;

export async function shareRequestFor(token: string): Promise<publicShare.ShareRequest> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return { token, pass: cookieStore.get(SHARE_PASS_COOKIE)?.value ?? null, ip: clientIpFrom(headerList), userAgent: headerList.get("user-agent") };
}

/** The email this browser asked a one-time code for on this link (its sealed, path-scoped cookie), if any. */
export async function challengeEmailFor(token: string): Promise<string | null> {
  return openChallenge((await cookies()).get(SHARE_CODE_COOKIE)?.value, token)?.email ?? null;
}

export type ShareErrorCode = "share/not-found" | "share/revoked" | "share/expired";

export type SharePageState =
  | { kind: "view"; view: PocView; actions: GrantAction[]; viewerEmail: string | null; verifiedEmail: string | null }
  | { kind: "gate"; gate: "password" | "email" }
  /** Verified links: the email form, or (with `challengeEmail`) the code form. */
  | { kind: "gate"; gate: "verify"; challengeEmail: string | null }
  | { kind: "error"; code: ShareErrorCode };

const STATUS: Record<ShareErrorCode | "gate", number> = { "share/not-found": 404, "share/revoked": 403, "share/expired": 403, gate: 401 };

/**
 * What the page shows for this request, with its HTTP status set: the POC (and one access-log
 * entry), a gate (401), or why the link does not open (404 / 403).
 */
export async function loadSharePage(token: string): Promise<SharePageState> {
  const share = await shareRequestFor(token);
  try {
    const opened = await publicShare.viewShare(share);
    const doc = publicShare.parseView(opened);
    const view = pocViewFromPublic(doc, { today: todayIso(), organisation: opened.organisation, shared_by: opened.sharedBy });
    const verifiedEmail = opened.viewerVerified ? opened.viewerEmail : null;
    return { kind: "view", view, actions: doc.actions, viewerEmail: doc.viewer_email, verifiedEmail };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "share/verification-required") {
      setResponseStatus(STATUS.gate);
      return { kind: "gate", gate: "verify", challengeEmail: await challengeEmailFor(token) };
    }
    if (error.code === "share/password-required" || error.code === "share/email-required") {
      setResponseStatus(STATUS.gate);
      return { kind: "gate", gate: error.code === "share/password-required" ? "password" : "email" };
    }
    if (error.code in STATUS) {
      const code = error.code as ShareErrorCode;
      setResponseStatus(STATUS[code]);
      return { kind: "error", code };
    }
    throw error;
  }
}

/** What a form shows after its action ran (useActionState's state). */
export type ShareFormState = { message?: string; values?: Record<string, string>; retryAfterSeconds?: number };

/**
 * A share-page server action: the same Origin check as the share route handlers (share pages
 * are no-referrer, so browsers send `Origin: null` with Sec-Fetch-Site), then the form's
 * outcome as a cookie and a redirect back to the page, or a message with its status.
 */
/** Share-page forms come from the page itself (share pages are no-referrer: `Origin: null` with Sec-Fetch-Site); else the refusal to show. */
export function crossOriginFormRefusal(headerList: Headers): ShareFormState | null {
  try {
    assertSameOrigin(new Request(config().appUrl, { headers: headerList }), { opaqueSameOrigin: true });
    return null;
  } catch {
    setResponseStatus(403);
    return { message: "This form must be sent from the page itself. Reload the page and try again." };
  }
}

export function shareFormAction(submit: (share: publicShare.ShareRequest, values: Record<string, string>, challengeEmail: string | null) => Promise<FormOutcome>) {
  return async (token: string, _previous: ShareFormState, form: FormData): Promise<ShareFormState> => {
    const refused = crossOriginFormRefusal(await headers());
    if (refused) return refused;
    const challengeEmail = await challengeEmailFor(token);
    const outcome = await submit(await shareRequestFor(token), formValues(form.entries()), challengeEmail);
    const secure = new URL(config().appUrl).protocol === "https:";
    const setCookie = async (name: string, value: string, expires: Date) =>
      (await cookies()).set(name, value, { path: sharePath(token), expires, httpOnly: true, sameSite: "lax", secure });
    switch (outcome.kind) {
      case "pass": {
        await setCookie(SHARE_PASS_COOKIE, outcome.sealed, outcome.expiresAt);
        // A verified code also ends the pending request.
        if (challengeEmail) await setCookie(SHARE_CODE_COOKIE, "", new Date(0));
        redirect(sharePath(token));
      }
      case "challenge":
        await setCookie(SHARE_CODE_COOKIE, sealChallenge(token, { email: outcome.email, expiresAt: outcome.expiresAt.getTime() }), outcome.expiresAt);
        redirect(sharePath(token));
      case "challenge-cleared":
        await setCookie(SHARE_CODE_COOKIE, "", new Date(0));
        redirect(sharePath(token));
      // Post/redirect/get: a reload does not post the comment again.
      case "posted":
      case "gone":
        redirect(sharePath(token));
      case "rate-limited":
        setResponseStatus(429, { "retry-after": String(outcome.retryAfterSeconds) });
        return { retryAfterSeconds: outcome.retryAfterSeconds };
      case "refused":
        setResponseStatus(outcome.status);
        return { message: outcome.message, values: outcome.values };
    }
  };
}
