/**
 * The share page and its form actions, called as Next.js would for one request (see
 * next-request.ts; the test file must mock next/headers with nextHeadersMock).
 */
import { guestCommentAction, identifyAction, unlockAction } from "@/app/share/[token]/actions";
import { loadSharePage } from "@/lib/sharing/page";
import { APP_ORIGIN } from "./helpers";
import { onRequest } from "./next-request";

export const sharePage = (token: string, options: { cookie?: string; headers?: Record<string, string> } = {}) => onRequest(options, () => loadSharePage(token));

const ACTIONS = { unlock: unlockAction, identify: identifyAction, comment: guestCommentAction };

/** Posts one of the page's forms (with the page's own Origin unless headers say otherwise). */
export function shareForm(token: string, form: keyof typeof ACTIONS, fields: Record<string, string>, options: { cookie?: string; headers?: Record<string, string> } = {}) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  data.append("$ACTION_ID_0123", ""); // what Next.js adds to a progressively enhanced form
  return onRequest({ cookie: options.cookie, headers: { origin: APP_ORIGIN, ...options.headers } }, () => ACTIONS[form](token, {}, data));
}

/** The `name=value` of the viewer-pass cookie a form set. */
export function passCookieOf(res: { setCookies: { name: string; value: string }[] }): string {
  const cookie = res.setCookies.find((c) => c.name === "pm_share");
  if (!cookie) throw new Error("no viewer-pass cookie was set");
  return `${cookie.name}=${cookie.value}`;
}
