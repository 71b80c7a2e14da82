"use server";

/**
 * The share page's forms. Each is bound to the page's token (Next.js encrypts bound
 * arguments) and goes through shareFormAction: same Origin check, same outcomes as the API.
 */
import { shareFormAction } from "@/lib/sharing/page";
import { submitEmail, submitGuestComment, submitPassword } from "@/lib/sharing/share-forms";

export const unlockAction = shareFormAction(submitPassword);
export const identifyAction = shareFormAction(submitEmail);
export const guestCommentAction = shareFormAction(submitGuestComment);
