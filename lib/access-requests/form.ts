/**
 * The dead-link page's "Request access" form as an outcome the page can show (the server
 * action in app/share/[token]/request-access-action.ts sets the status). Framework-free.
 */
import { AppError, fieldErrorsOf } from "@/lib/api/errors";
import { AccessRequestInput } from "./schemas";
import { requestAccess } from "./service";

export type RequestAccessState = {
  sent?: boolean;
  message?: string;
  /** Field name → message. */
  fields?: Record<string, string>;
  /** What the person typed, put back after an error. */
  values?: { name?: string; email?: string; message?: string };
  status?: number;
  retryAfterSeconds?: number;
};

const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === "string" ? value.slice(0, 2000) : "";
};

export async function submitAccessRequest(req: { token: string; ip: string | null }, form: FormData): Promise<RequestAccessState> {
  const values = { name: text(form, "name"), email: text(form, "email"), message: text(form, "message") };
  const parsed = AccessRequestInput.safeParse(values);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const e of fieldErrorsOf(parsed.error)) fields[e.field] ??= e.message;
    return { status: 422, message: "Please check the form", fields, values };
  }
  try {
    await requestAccess(req, parsed.data);
    return { sent: true, status: 202 };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "share/rate-limited") return { status: 429, message: error.message, values, retryAfterSeconds: Number(error.headers["retry-after"] ?? 3600) };
    if (error.code === "share/not-found") return { status: 404, message: "This link does not exist, so there is no one to ask from here.", values };
    if (error.code === "resource/conflict") return { status: 409, message: error.message, values };
    throw error;
  }
}
