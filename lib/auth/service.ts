import { sha256 } from "@/lib/security/crypto";
import { recordAudit } from "@/lib/audit/service";
import { transaction } from "@/lib/db/repo";
import { logger } from "@/lib/log";
import { consume, refund, type Limit } from "@/lib/ratelimit/service";
import { sessionActorOf, type Actor } from "./actor";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { bindOnSignIn } from "@/lib/invites/service";
import { countSignInRefusal } from "@/lib/metrics/registry";
import * as repo from "./repo";

export const API_TOKEN_PREFIX = "pm_";

/** OWASP ASVS 6.3: 5 failures per account per 15 minutes; a higher ceiling per client IP. */
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
export const SIGN_IN_MAX_FAILURES_PER_ACCOUNT = 5;
export const SIGN_IN_MAX_FAILURES_PER_IP = 20;
export const SIGN_IN_RATE_LIMITED_MESSAGE = "Too many sign-in attempts. Wait a few minutes, then try again.";

/**
 * The limits of one sign-in attempt. The account key is the email as typed (hashed), whether
 * or not an account has it, so a locked unknown email looks exactly like a locked real one.
 */
export function signInLimits(email: string, ip: string | null): Limit[] {
  const limits: Limit[] = [{ key: `signin:account:${sha256(email)}`, max: SIGN_IN_MAX_FAILURES_PER_ACCOUNT, windowSeconds: SIGN_IN_WINDOW_SECONDS }];
  if (ip) limits.push({ key: `signin:ip:${ip}`, max: SIGN_IN_MAX_FAILURES_PER_IP, windowSeconds: SIGN_IN_WINDOW_SECONDS });
  return limits;
}

export type SignInContext = { ip: string | null; userAgent?: string | null };

/** One audit row per tenant of the account (none known: a row of no tenant). */
async function auditSignIn(action: "auth.sign_in" | "auth.sign_in_failed", user: { id: string; email: string } | null, email: string, context: SignInContext, reason?: string) {
  const tenantIds = user ? await repo.listUserTenantIds(user.id) : [];
  const actor: Actor | { anonymous: true; ip: string | null } =
    action === "auth.sign_in" && user ? ((await actorForUser(user.id, context.ip)) ?? { anonymous: true, ip: context.ip }) : { anonymous: true, ip: context.ip };
  const payload = { email: user?.email ?? email.slice(0, 254), ...(reason ? { reason } : {}), user_agent: context.userAgent?.slice(0, 300) ?? null };
  await transaction(async (tx) => {
    for (const tenantId of tenantIds.length > 0 ? tenantIds : [null]) {
      await recordAudit(tx, actor, { tenantId, action, subjectType: "user", subjectId: user?.id ?? null, payload });
    }
  });
}

/**
 * Checks an email and password (SECURITY 24). The attempt is counted in the database before
 * any hashing, per account and per client IP, so every instance shares the counts; while
 * either limit is exceeded the answer is a 429 even for the right password. Unknown emails
 * cost the same Argon2 work as wrong passwords. Successes give their hit back (only failures
 * count); every outcome is audited.
 */
export async function authenticate(rawEmail: string, password: string, context: SignInContext = { ip: null }): Promise<{ id: string; email: string; name: string } | null> {
  const email = rawEmail.trim().toLowerCase();
  const limits = signInLimits(email, context.ip);
  try {
    await consume(limits, SIGN_IN_RATE_LIMITED_MESSAGE, "auth/rate-limited");
  } catch (error) {
    await auditSignIn("auth.sign_in_failed", null, email, context, "rate_limited");
    countSignInRefusal("rate_limited");
    throw error;
  }
  const user = await repo.findUserByEmail(email);
  if (!user || !user.passwordHash || !user.active) {
    await verifyAgainstDummy(password);
    await auditSignIn("auth.sign_in_failed", user, email, context, "invalid_credentials");
    // One reason for unknown emails and wrong passwords alike: the metric enumerates no accounts.
    countSignInRefusal("bad_credentials");
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await auditSignIn("auth.sign_in_failed", user, email, context, "invalid_credentials");
    countSignInRefusal("bad_credentials");
    return null;
  }
  await refund(limits);
  // Grants shared with this email before the account existed become the account's.
  await bindOnSignIn(user.email, user.id);
  await auditSignIn("auth.sign_in", user, email, context);
  logger.info({ event: "auth.sign_in", userId: user.id }, "signed in");
  return { id: user.id, email: user.email, name: user.name };
}

export async function actorForUser(userId: string, ip: string | null): Promise<Actor | null> {
  const row = await repo.findActiveUserWithMembership(userId);
  return row ? sessionActorOf(row, null, ip) : null;
}

export async function actorForApiToken(rawToken: string, ip: string | null): Promise<Actor | null> {
  if (!rawToken.startsWith(API_TOKEN_PREFIX) || rawToken.length > 200) return null;
  const row = await repo.findLiveApiTokenByHash(sha256(rawToken));
  if (!row) return null;
  return {
    userId: row.userId,
    email: row.email,
    name: row.name,
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    role: row.role,
    via: { kind: "api_token", tokenId: row.tokenId },
    ip,
  };
}
