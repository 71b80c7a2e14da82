/**
 * Server-side sessions (SECURITY 25). next-auth's credentials provider only supports its JWT
 * session strategy, so the encrypted JWT cookie carries a session id and this table is the
 * truth: each request loads the session and its actor in one query (repo.findActorBySession),
 * and ending a session here ends every copy of its cookie on the next request.
 */
import { sessionActorOf, type Actor } from "./actor";
import { transaction, type Executor } from "@/lib/db/repo";
import * as repo from "./repo";

/** How long a sign-in lasts, at most (the cookie's max age and the row's absolute expiry). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export function startSession(userId: string, context: { ip: string | null; userAgent: string | null }): Promise<string> {
  return repo.insertSession({ userId, ip: context.ip, userAgent: context.userAgent?.slice(0, 500) ?? null, maxAgeSeconds: SESSION_MAX_AGE_SECONDS });
}

export async function actorForSession(sessionId: string, ip: string | null): Promise<Actor | null> {
  const row = await repo.findActorBySession(sessionId);
  return row ? sessionActorOf(row, sessionId, ip) : null;
}

/** Sign-out: this one session ends (every copy of its cookie). */
export const endSession = (sessionId: string): Promise<void> => repo.revokeSession(sessionId);

/**
 * Ends every live session of a user ("sign out everywhere", deactivation, a narrower role,
 * SCIM deprovisioning). With `tenantId`, only if the user is a member of that tenant (call it
 * before removing the membership). Returns how many sessions ended.
 */
export function endSessionsForUser(userId: string, tenantId?: string, options: { keepSessionId?: string } = {}): Promise<number> {
  return transaction((tx) => repo.revokeUserSessions(tx, userId, { tenantId, keepSessionId: options.keepSessionId }));
}

/** The same inside a caller's transaction (e.g. with the deactivation that causes it). */
export function endSessionsForUserIn(tx: Executor, userId: string, tenantId?: string): Promise<number> {
  return repo.revokeUserSessions(tx, userId, { tenantId });
}

/** The sweep: ended sessions are deleted a day after they end (sign-ins stay in the audit log). */
export const purgeEndedSessions = (): Promise<number> => repo.deleteEndedSessions();
