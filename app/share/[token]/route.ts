import { emailGateBody, passwordGateBody, rateLimitedBody } from "@/components/share/gates";
import type { CommentFormState } from "@/components/share/comments";
import { sharePocBody } from "@/components/share/share-document";
import { isShareErrorCode, sharePageResponse, shareErrorResponse } from "@/components/share/share-response";
import { AppError } from "@/lib/api/errors";
import { readBoundedForm } from "@/lib/api/body";
import { withShare } from "@/lib/api/handler";
import { exportDownloads } from "@/lib/exports/formats";
import { SHARE_PASS_COOKIE } from "@/lib/sharing/http";
import * as publicShare from "@/lib/sharing/public-service";
import { ShareFormInput } from "@/lib/sharing/schemas";

export const dynamic = "force-dynamic";

type Share = publicShare.ShareRequest;

/** Renders the page for the viewer's current state: a gate, an error, or the POC. */
async function renderShare(share: Share, comments: CommentFormState = {}, gateError?: string, status?: number): Promise<Response> {
  try {
    const opened = await publicShare.openShare(share);
    const view = publicShare.parseView(opened);
    publicShare.recordShareView(opened.grantId, share, view.viewer_email);
    const downloads = view.actions.includes("download") ? exportDownloads(`/share/${encodeURIComponent(share.token)}`) : [];
    return sharePageResponse(status ?? 200, view.title, sharePocBody(view, { downloads, comments, viewedAt: new Date() }));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "share/password-required") return sharePageResponse(status ?? 401, "Password required", passwordGateBody(gateError));
    if (error.code === "share/email-required") return sharePageResponse(status ?? 401, "Email required", emailGateBody(gateError));
    if (isShareErrorCode(error.code)) return shareErrorResponse(error.code);
    throw error;
  }
}

function passCookie(token: string, sealed: string, expiresAt: Date, secure: boolean): string {
  const path = `/share/${encodeURIComponent(token)}`;
  return `${SHARE_PASS_COOKIE}=${sealed}; Path=${path}; Expires=${expiresAt.toUTCString()}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The longest form value (a comment's 2000 characters) that is put back into the form on an error. */
const MAX_ECHOED_VALUE = 2000;

export const GET = withShare({ passFrom: "cookie" }, async ({ share }) => renderShare(share));

/** The page's forms: unlock, identify (watermark email) and comment. Post/redirect/get on success. */
export const POST = withShare({ passFrom: "cookie" }, async ({ req, share }) => {
  // Bounded before it is buffered (413 over the limit); oversized values are never echoed back.
  const fields = Object.fromEntries([...(await readBoundedForm(req)).entries()].filter(([, v]) => v !== ""));
  const parsed = ShareFormInput.safeParse(fields);
  const back = new Headers({ location: `/share/${encodeURIComponent(share.token)}` });
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Please check the form";
    const intent = fields.intent;
    const echoed = Object.fromEntries(Object.entries(fields).filter(([, v]) => v.length <= MAX_ECHOED_VALUE));
    if (intent === "comment") return renderShare(share, { error: message, values: echoed as CommentFormState["values"] }, undefined, 422);
    return renderShare(share, {}, message, 422);
  }
  const input = parsed.data;
  const secure = new URL(req.url).protocol === "https:";
  try {
    if (input.intent === "comment") {
      await publicShare.postGuestComment(share, { name: input.name, email: input.email, body: input.body, parent_id: input.parent_id });
      return new Response(null, { status: 303, headers: back });
    }
    const issued = input.intent === "unlock" ? await publicShare.unlockShare(share, input.password) : await publicShare.identifyViewer(share, input.email);
    back.append("set-cookie", passCookie(share.token, issued.sealed, issued.expiresAt, secure));
    return new Response(null, { status: 303, headers: back });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "share/rate-limited") {
      const seconds = Number(error.headers["retry-after"] ?? 300);
      const res = sharePageResponse(429, "Too many attempts", rateLimitedBody(seconds));
      res.headers.set("retry-after", String(seconds));
      return res;
    }
    if (error.code === "share/password-invalid") return renderShare(share, {}, "That password is not correct. Try again.", 401);
    if (error.code === "auth/forbidden") return renderShare(share, { error: error.message }, undefined, 403);
    if (error.code === "request/invalid" && input.intent === "comment") return renderShare(share, { error: error.fields?.[0]?.message ?? error.message, values: input }, undefined, 422);
    return renderShare(share);
  }
});
