/**
 * The session-user wrappers for pages and server actions (the third kind of caller wrapper,
 * beside withActor and withPublic in lib/api/handler.ts).
 */
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { AppError, fieldErrorsOf } from "@/lib/api/errors";
import { clientIpFrom } from "@/lib/api/client-ip";
import { crossOriginProblem } from "@/lib/api/origin";
import type { Actor } from "./actor";
import { actorFromSessionToken, sessionCookieName } from "./session";
import { logger } from "@/lib/log";

/** The signed-in actor of this request (loaded once per request), or null. */
export const getPageActor = cache(async (): Promise<Actor | null> => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return actorFromSessionToken(cookieStore.get(sessionCookieName())?.value, clientIpFrom(headerList));
});

/** For pages behind sign-in: sends anonymous visitors to /login. */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getPageActor();
  if (!actor) redirect("/login");
  return actor;
}

/** The same-origin rule of the API, for server actions (which are cookie-authenticated writes). */
export async function actionOriginProblem(): Promise<string | null> {
  return crossOriginProblem(await headers());
}

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors: Record<string, string> };

/**
 * A server action for signed-in users: validates the input with the same zod schema the API
 * uses, calls the service, and returns errors as data the form can show next to its fields.
 * The Origin must be APP_URL's, as for the cookie-authenticated API: Next.js's own check
 * compares Origin with the Host the request claims, and lets a request without Origin pass.
 */
export function userAction<S extends z.ZodType, T>(schema: S, run: (input: z.output<S>, actor: Actor) => Promise<T>) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    try {
      const originProblem = await actionOriginProblem();
      if (originProblem) return { ok: false, code: "auth/csrf", message: originProblem, fieldErrors: {} };
      const actor = await getPageActor();
      if (!actor) return { ok: false, code: "auth/unauthorized", message: "Your session has ended. Sign in again.", fieldErrors: {} };
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        const fieldErrors = Object.fromEntries(fieldErrorsOf(parsed.error).map((f) => [f.field, f.message]));
        return { ok: false, code: "request/invalid", message: "Please fix the highlighted fields.", fieldErrors };
      }
      return { ok: true, data: await run(parsed.data, actor) };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof AppError) {
        const fieldErrors = Object.fromEntries((error.fields ?? []).map((f) => [f.field, f.message]));
        return { ok: false, code: error.code, message: error.message, fieldErrors };
      }
      logger.error({ err: error }, "server action failed");
      return { ok: false, code: "server/error", message: "Something went wrong on our side. Please try again.", fieldErrors: {} };
    }
  };
}
