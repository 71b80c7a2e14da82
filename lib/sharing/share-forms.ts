/**
 * The share page's forms (password gate, email gate, guest comment) as outcomes a page can
 * show: the server actions in app/share/[token]/actions.ts turn them into a cookie, a
 * redirect or a message with its HTTP status. Framework-free, so tests call them directly.
 */
import type { z } from "zod";
import { AppError, fieldErrorsOf } from "@/lib/api/errors";
import * as publicShare from "./public-service";
import { GuestCommentInput, ShareEmailForm, SharePasswordForm } from "./schemas";

export type FormValues = Record<string, string>;

export type FormOutcome =
  /** A gate opened: the viewer pass to set as the path-scoped cookie. */
  | { kind: "pass"; sealed: string; expiresAt: Date }
  | { kind: "posted" }
  | { kind: "refused"; status: 401 | 403 | 422; message: string; values?: FormValues }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  /** The link stopped working (revoked, expired, unknown): the page itself says which. */
  | { kind: "gone" };

/** The form's own fields: non-empty strings, without the framework's `$ACTION_…` entries. */
export function formValues(entries: Iterable<[string, FormDataEntryValue]>): FormValues {
  const values: FormValues = {};
  for (const [key, value] of entries) if (!key.startsWith("$") && typeof value === "string" && value !== "") values[key] = value;
  return values;
}

/** The longest value (a comment's 2,000 characters) put back into a form after an error; longer ones never are. */
const MAX_ECHOED_VALUE = 2000;
const echoable = (values: FormValues): FormValues => Object.fromEntries(Object.entries(values).filter(([, v]) => v.length <= MAX_ECHOED_VALUE));

function parse<S extends z.ZodType>(schema: S, values: FormValues): { ok: true; data: z.output<S> } | { ok: false; outcome: FormOutcome } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, outcome: { kind: "refused", status: 422, message: fieldErrorsOf(parsed.error)[0]?.message ?? "Please check the form", values: echoable(values) } };
}

async function outcomeOf(run: () => Promise<FormOutcome>, values: FormValues): Promise<FormOutcome> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    switch (error.code) {
      case "share/rate-limited":
        return { kind: "rate-limited", retryAfterSeconds: Number(error.headers["retry-after"] ?? 300) };
      case "share/password-invalid":
        return { kind: "refused", status: 401, message: "That password is not correct. Try again." };
      case "auth/forbidden":
        return { kind: "refused", status: 403, message: error.message, values: echoable(values) };
      case "request/invalid":
        return { kind: "refused", status: 422, message: error.fields?.[0]?.message ?? error.message, values: echoable(values) };
      default:
        // share/not-found, share/revoked, share/expired, or a gate still closed: the page says.
        if (error.code.startsWith("share/")) return { kind: "gone" };
        throw error;
    }
  }
}

export async function submitPassword(share: publicShare.ShareRequest, values: FormValues): Promise<FormOutcome> {
  const input = parse(SharePasswordForm, values);
  if (!input.ok) return input.outcome;
  return outcomeOf(async () => ({ kind: "pass", ...(await publicShare.unlockShare(share, input.data.password)) }), {});
}

export async function submitEmail(share: publicShare.ShareRequest, values: FormValues): Promise<FormOutcome> {
  const input = parse(ShareEmailForm, values);
  if (!input.ok) return input.outcome;
  return outcomeOf(async () => ({ kind: "pass", ...(await publicShare.identifyViewer(share, input.data.email)) }), { email: input.data.email });
}

export async function submitGuestComment(share: publicShare.ShareRequest, values: FormValues): Promise<FormOutcome> {
  const input = parse(GuestCommentInput, values);
  if (!input.ok) return input.outcome;
  return outcomeOf(async () => {
    await publicShare.postGuestComment(share, input.data);
    return { kind: "posted" };
  }, values);
}
