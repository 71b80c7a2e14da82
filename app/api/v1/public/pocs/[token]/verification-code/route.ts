import { json, withShare } from "@/lib/api/handler";
import * as publicShare from "@/lib/sharing/public-service";
import { VerificationCodeInput } from "@/lib/sharing/schemas";

/** Emails a one-time code for a verified link (then POST …/unlock with email and code). */
export const POST = withShare({ passFrom: "bearer", body: VerificationCodeInput }, async ({ share, body }) => {
  const sent = await publicShare.requestViewerCode(share, body.email);
  return json({ email: sent.email, expires_at: sent.expiresAt.toISOString() }, { status: 202 });
});
