import { emailGateBody, passwordGateBody, rateLimitedBody, verifyCodeGateBody, verifyEmailGateBody } from "@/components/share/gates";
import type { CommentFormState } from "@/components/share/comments";
import { sharePocBody } from "@/components/share/share-document";
import { isShareErrorCode, sharePageResponse, shareErrorResponse } from "@/components/share/share-response";
import { AppError } from "@/lib/api/errors";
import { readBoundedForm } from "@/lib/api/body";
import { withShare } from "@/lib/api/handler";
import { readCookie } from "@/lib/auth/session";
import { SHARE_CODE_COOKIE, SHARE_PASS_COOKIE, shareCookie } from "@/lib/sharing/http";
import * as publicShare from "@/lib/sharing/public-service";
import { ShareFormInput } from "@/lib/sharing/schemas";
import { openChallenge, sealChallenge, type CodeChallenge } from "@/lib/sharing/viewer-pass";

export const dynamic = "force-dynamic";

type Share = publicShare.ShareRequest;
/** What the page shows besides the view: form errors and, on verified links, the pending code request. */
type PageState = { comments?: CommentFormState; gateError?: string; status?: number; challenge?: CodeChallenge | null; email?: string };

/** Renders the page for the viewer's current state: a gate, an error, or the POC. */
async function renderShare(share: Share, state: PageState = {}): Promise<Response> {
  const { comments = {}, gateError, status } = state;
  try {
    const opened = await publicShare.openShare(share);
    const view = publicShare.parseView(opened);
    publicShare.recordShareView(opened.grantId, share, opened.viewerEmail);
    const csvHref = view.actions.includes("download") ? `/share/${encodeURIComponent(share.token)}/export.csv` : null;
    const verifiedEmail = opened.viewerVerified ? opened.viewerEmail : null;
    return sharePageResponse(status ?? 200, view.title, sharePocBody(view, { csvHref, comments, viewedAt: new Date(), verifiedEmail }));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "share/password-required") return sharePageResponse(status ?? 401, "Password required", passwordGateBody(gateError));
    if (error.code === "share/verification-required") {
      const body = state.challenge ? verifyCodeGateBody(state.challenge.email, gateError) : verifyEmailGateBody(gateError, state.email);
      return sharePageResponse(status ?? 401, "Verify your email", body);
    }
    if (error.code === "share/email-required") return sharePageResponse(status ?? 401, "Email required", emailGateBody(gateError));
    if (isShareErrorCode(error.code)) return shareErrorResponse(error.code);
    throw error;
  }
}

const challengeOf = (req: Request, share: Share) => openChallenge(readCookie(req.headers.get("cookie"), SHARE_CODE_COOKIE), share.token);

/** The longest form value (a comment's 2000 characters) that is put back into the form on an error. */
const MAX_ECHOED_VALUE = 2000;

export const GET = withShare({ passFrom: "cookie" }, async ({ req, share }) => renderShare(share, { challenge: challengeOf(req, share) }));

const RATE_LIMITED: Record<string, string> = {
  "request-code": "Too many codes were asked for from your network or for this address.",
  "verify-code": "Too many codes were tried from your network.",
};

/** The page's forms: unlock, identify (watermark email), one-time codes and comment. Post/redirect/get on success. */
export const POST = withShare({ passFrom: "cookie" }, async ({ req, share }) => {
  // Bounded before it is buffered (413 over the limit); oversized values are never echoed back.
  const fields = Object.fromEntries([...(await readBoundedForm(req)).entries()].filter(([, v]) => v !== ""));
  const parsed = ShareFormInput.safeParse(fields);
  const challenge = challengeOf(req, share);
  const back = new Headers({ location: `/share/${encodeURIComponent(share.token)}` });
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Please check the form";
    const intent = fields.intent;
    const echoed = Object.fromEntries(Object.entries(fields).filter(([, v]) => v.length <= MAX_ECHOED_VALUE));
    if (intent === "comment") return renderShare(share, { comments: { error: message, values: echoed as CommentFormState["values"] }, status: 422 });
    return renderShare(share, { gateError: message, status: 422, challenge: intent === "verify-code" ? challenge : null });
  }
  const input = parsed.data;
  const secure = new URL(req.url).protocol === "https:";
  const cookie = (name: string, value: string, expiresAt: Date | null) => back.append("set-cookie", shareCookie(name, share.token, value, expiresAt, secure));
  try {
    if (input.intent === "comment") {
      await publicShare.postGuestComment(share, { name: input.name, email: input.email, body: input.body, parent_id: input.parent_id });
    } else if (input.intent === "request-code") {
      const sent = await publicShare.requestViewerCode(share, input.email);
      cookie(SHARE_CODE_COOKIE, sealChallenge(share.token, { email: sent.email, expiresAt: sent.expiresAt.getTime() }), sent.expiresAt);
    } else if (input.intent === "change-email") {
      cookie(SHARE_CODE_COOKIE, "", null);
    } else if (input.intent === "verify-code") {
      if (!challenge) return renderShare(share, { gateError: "Your code request has expired. Enter your email to get a new code.", status: 401 });
      const issued = await publicShare.verifyViewerCode(share, challenge.email, input.code);
      cookie(SHARE_PASS_COOKIE, issued.sealed, issued.expiresAt);
      cookie(SHARE_CODE_COOKIE, "", null);
    } else {
      const issued = input.intent === "unlock" ? await publicShare.unlockShare(share, input.password) : await publicShare.identifyViewer(share, input.email);
      cookie(SHARE_PASS_COOKIE, issued.sealed, issued.expiresAt);
    }
    return new Response(null, { status: 303, headers: back });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "share/rate-limited") {
      const seconds = Number(error.headers["retry-after"] ?? 300);
      const res = sharePageResponse(429, "Too many attempts", rateLimitedBody(seconds, RATE_LIMITED[input.intent]));
      res.headers.set("retry-after", String(seconds));
      return res;
    }
    if (error.code === "share/password-invalid") return renderShare(share, { gateError: "That password is not correct. Try again.", status: 401 });
    if (error.code === "share/viewer-not-allowed") return renderShare(share, { gateError: error.message, status: 403, email: input.intent === "request-code" ? input.email : undefined });
    if (error.code === "share/code-invalid" || error.code === "share/code-expired") return renderShare(share, { gateError: error.message, status: 401, challenge });
    if (error.code === "auth/forbidden") return renderShare(share, { comments: { error: error.message }, status: 403 });
    if (error.code === "request/invalid" && input.intent === "comment") {
      return renderShare(share, { comments: { error: error.fields?.[0]?.message ?? error.message, values: input }, status: 422 });
    }
    return renderShare(share, { challenge });
  }
});
