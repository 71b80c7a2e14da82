"use server";

import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { clientIpFrom } from "@/lib/api/client-ip";
import { AppError, fieldErrorsOf } from "@/lib/api/errors";
import { actionOriginProblem, userAction, type ActionResult } from "@/lib/auth/page";
import { InviteSignUpInput } from "@/lib/invites/schemas";
import { acceptInvite, signUpWithInvite, type InviteKind } from "@/lib/invites/service";
import { logger } from "@/lib/log";

const Token = z.string().min(1).max(512);

/**
 * Creates the invitee's account from an open invitation, or sets the first password of a
 * provisioned account (account-setup link). The visitor is signed out, so this is not a
 * userAction: the invitation token itself is the credential (single use, 7 days). The browser
 * signs in with the new password right after.
 */
export async function signUpWithInviteAction(
  token: string,
  input: z.input<typeof InviteSignUpInput>,
): Promise<ActionResult<{ email: string; pocId: string | null; kind: InviteKind }>> {
  try {
    const originProblem = await actionOriginProblem();
    if (originProblem) return { ok: false, code: "auth/csrf", message: originProblem, fieldErrors: {} };
    const parsedToken = Token.safeParse(token);
    if (!parsedToken.success) return { ok: false, code: "resource/not-found", message: "This invitation is no longer valid", fieldErrors: {} };
    const parsed = InviteSignUpInput.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = Object.fromEntries(fieldErrorsOf(parsed.error).map((f) => [f.field, f.message]));
      return { ok: false, code: "request/invalid", message: "Please fix the highlighted fields.", fieldErrors };
    }
    return { ok: true, data: await signUpWithInvite(parsedToken.data, parsed.data, clientIpFrom(await headers())) };
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof AppError) {
      const fieldErrors = Object.fromEntries((error.fields ?? []).map((f) => [f.field, f.message]));
      return { ok: false, code: error.code, message: error.message, fieldErrors };
    }
    logger.error({ err: error }, "invite sign-up failed");
    return { ok: false, code: "server/error", message: "Something went wrong on our side. Please try again.", fieldErrors: {} };
  }
}

/** A signed-in user with the invited email accepts: the grants become theirs, then the POC opens. */
export async function acceptInviteAction(token: string) {
  return userAction(z.object({ token: Token }), async (input, actor) => {
    const { pocId, kind } = await acceptInvite(actor, input.token);
    redirect(pocId ? `/pocs/${pocId}` : kind === "member" ? "/pocs" : "/shared");
  })({ token });
}
