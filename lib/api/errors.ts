/**
 * The one error type of the app. Services throw AppError with a stable code; the caller
 * wrappers turn it into RFC 9457 problem+json (API) or a readable message (UI).
 */
import type { z } from "zod";
import { logger } from "@/lib/log";

const STATUS_BY_CODE = {
  "request/malformed": 400,
  "request/invalid": 422,
  "request/too-large": 413,
  "auth/unauthorized": 401,
  "auth/rate-limited": 429,
  "auth/forbidden": 403,
  "auth/csrf": 403,
  "resource/not-found": 404,
  "resource/conflict": 409,
  "share/not-found": 404,
  "share/expired": 403,
  "share/revoked": 403,
  "share/password-required": 401,
  "share/password-invalid": 401,
  "share/email-required": 401,
  "share/verification-required": 401,
  "share/viewer-not-allowed": 403,
  "share/code-invalid": 401,
  "share/code-expired": 401,
  "share/rate-limited": 429,
  "share/link-exists": 409,
  "embed/invalid": 401,
  "embed/expired": 401,
  "invite/gone": 410,
  "grant/expired": 409,
  "idempotency/key-reused": 422,
  "idempotency/in-flight": 409,
  "export/too-large": 413,
  "export/busy": 503,
  "server/error": 500,
} as const;

export type ErrorCode = keyof typeof STATUS_BY_CODE;

const TITLE_BY_CODE: Record<ErrorCode, string> = {
  "request/malformed": "Malformed request",
  "request/invalid": "Invalid request",
  "request/too-large": "Request body too large",
  "auth/unauthorized": "Authentication required",
  "auth/rate-limited": "Too many attempts",
  "auth/forbidden": "Forbidden",
  "auth/csrf": "Cross-site request refused",
  "resource/not-found": "Not found",
  "resource/conflict": "Conflict",
  "share/not-found": "Share link not found",
  "share/expired": "Share link expired",
  "share/revoked": "Share link revoked",
  "share/password-required": "Password required",
  "share/password-invalid": "Wrong password",
  "share/email-required": "Email required",
  "share/verification-required": "Email verification required",
  "share/viewer-not-allowed": "Email not allowed for this link",
  "share/code-invalid": "Wrong code",
  "share/code-expired": "Code expired or used up",
  "share/rate-limited": "Too many attempts",
  "share/link-exists": "A live link already exists",
  "embed/invalid": "Invalid embed token",
  "embed/expired": "Embed token expired",
  "invite/gone": "Invitation no longer valid",
  "grant/expired": "Grant expired",
  "idempotency/key-reused": "Idempotency key reused with another request",
  "idempotency/in-flight": "Request with this idempotency key is in progress",
  "export/too-large": "Too large to export",
  "export/busy": "Exports are busy",
  "server/error": "Internal server error",
};

export type FieldError = { field: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: FieldError[] | undefined;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message?: string,
    options: { fields?: FieldError[]; extra?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message ?? TITLE_BY_CODE[code]);
    this.name = "AppError";
    this.code = code;
    this.status = STATUS_BY_CODE[code];
    this.fields = options.fields;
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
  }

  get title(): string {
    return TITLE_BY_CODE[this.code];
  }
}

export const notFound = (what = "Resource") => new AppError("resource/not-found", `${what} not found`);
export const forbidden = (message = "You are not allowed to do this") => new AppError("auth/forbidden", message);
export const unauthorized = (message = "Sign in or send an API token") => new AppError("auth/unauthorized", message);

export function fieldErrorsOf(error: z.ZodError, prefix: string[] = []): FieldError[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map(String)];
    const unknownKeys = issue.code === "unrecognized_keys" ? issue.keys : [];
    if (unknownKeys.length > 0) {
      return { field: [...path, unknownKeys[0]].join(".") || "(body)", message: `Unknown field(s): ${unknownKeys.join(", ")}` };
    }
    return { field: path.join(".") || "(body)", message: issue.message };
  });
}

export function invalid(error: z.ZodError, prefix: string[] = []): AppError {
  return new AppError("request/invalid", "The request has invalid fields", { fields: fieldErrorsOf(error, prefix) });
}

/** RFC 9457 problem+json for any thrown value; unknown errors are logged and hidden. */
export function problemResponse(error: unknown, instance?: string): Response {
  const appError = error instanceof AppError ? error : new AppError("server/error", "Something went wrong on our side");
  if (!(error instanceof AppError)) logger.error({ err: error }, "unhandled error");
  const body: Record<string, unknown> = {
    type: `https://poc-manager.dev/problems/${appError.code}`,
    title: appError.title,
    status: appError.status,
    code: appError.code,
    detail: appError.message,
    ...(instance ? { instance } : {}),
    ...(appError.fields ? { errors: appError.fields } : {}),
    ...appError.extra,
  };
  return new Response(JSON.stringify(body), {
    status: appError.status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...appError.headers },
  });
}
