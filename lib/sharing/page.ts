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
import { SHARE_PASS_COOKIE } from "./http";
import * as publicShare from "./public-service";
import { formValues, type FormOutcome } from "./share-forms";
import type { GrantAction } from "@/db/schema";

export const sharePath = (token: string): string => `/share/${encodeURIComponent(token)}`;

export async function shareRequestFor(token: string): Promise<publicShare.ShareRequest> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return { token, pass: cookieStore.get(SHARE_PASS_COOKIE)?.value ?? null, ip: clientIpFrom(headerList), userAgent: headerList.get("user-agent") };
}

export type ShareErrorCode = "share/not-found" | "share/revoked" | "share/expired";

export type SharePageState =
  | { kind: "view"; view: PocView; actions: GrantAction[]; viewerEmail: string | null }
  | { kind: "gate"; gate: "password" | "email" }
  | { kind: "error"; code: ShareErrorCode };

const STATUS: Record<ShareErrorCode | "gate", number> = { "share/not-found": 404, "share/revoked": 403, "share/expired": 403, gate: 401 };

/**
 * What the page shows for this request, with its HTTP status set: the POC (and one access-log
 * entry), a gate (401), or why the link does not open (404 / 403).
 */
export async function loadSharePage(token: string): Promise<SharePageState> {
  const share = await shareRequestFor(token);
  try {
    const opened = await publicShare.openShare(share);
    const doc = publicShare.parseView(opened);
    publicShare.recordShareView(opened.grantId, share, doc.viewer_email);
    const view = pocViewFromPublic(doc, { today: todayIso(), organisation: opened.organisation, shared_by: opened.sharedBy });
    return { kind: "view", view, actions: doc.actions, viewerEmail: doc.viewer_email };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
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
export function shareFormAction(submit: (share: publicShare.ShareRequest, values: Record<string, string>) => Promise<FormOutcome>) {
  return async (token: string, _previous: ShareFormState, form: FormData): Promise<ShareFormState> => {
    const headerList = await headers();
    try {
      assertSameOrigin(new Request(config().appUrl, { headers: headerList }), { opaqueSameOrigin: true });
    } catch {
      setResponseStatus(403);
      return { message: "This form must be sent from the page itself. Reload the page and try again." };
    }
    const outcome = await submit(await shareRequestFor(token), formValues(form.entries()));
    switch (outcome.kind) {
      case "pass": {
        const secure = new URL(config().appUrl).protocol === "https:";
        (await cookies()).set(SHARE_PASS_COOKIE, outcome.sealed, { path: sharePath(token), expires: outcome.expiresAt, httpOnly: true, sameSite: "lax", secure });
        redirect(sharePath(token));
      }
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
