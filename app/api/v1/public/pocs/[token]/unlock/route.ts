import { json, withShare } from "@/lib/api/handler";
import { PublicUnlockInput } from "@/lib/sharing/schemas";
import * as publicShare from "@/lib/sharing/public-service";

/**
 * Trades the link password, and the viewer's email (with its one-time code on verified links),
 * for a short-lived credential.
 */
export const POST = withShare({ passFrom: "bearer", body: PublicUnlockInput }, async ({ share, body }) => {
  let pass = share;
  let issued = null;
  if (body.password !== undefined) {
    issued = await publicShare.unlockShare(pass, body.password);
    pass = { ...pass, pass: issued.sealed };
  }
  if (body.email !== undefined && body.code !== undefined) issued = await publicShare.verifyViewerCode(pass, body.email, body.code);
  else if (body.email !== undefined) issued = await publicShare.identifyViewer(pass, body.email);
  return json({ access_token: issued!.sealed, expires_at: issued!.expiresAt.toISOString() });
});
