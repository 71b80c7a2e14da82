import { SHARE_HEADERS, SHARE_PAGE_CSP } from "@/lib/sharing/http";
import type { SafeHtml } from "./html";
import { shareDocument, shareErrorBody, type ShareErrorCode } from "./share-document";

/** An HTML response for a share page, with the share headers and a script-free CSP. */
export function sharePageResponse(status: number, title: string, body: SafeHtml): Response {
  return new Response(shareDocument(title, body), {
    status,
    headers: { ...SHARE_HEADERS, "content-type": "text/html; charset=utf-8", "content-security-policy": SHARE_PAGE_CSP },
  });
}

const STATUS: Record<ShareErrorCode, number> = { "share/not-found": 404, "share/revoked": 403, "share/expired": 403 };

export function isShareErrorCode(code: string): code is ShareErrorCode {
  return code in STATUS;
}

export function shareErrorResponse(code: ShareErrorCode): Response {
  const { title, body } = shareErrorBody(code);
  return sharePageResponse(STATUS[code], title, body);
}
