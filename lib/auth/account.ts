/**
 * The signed-in user's own account (Account page): the display name, the password, sign out
 * everywhere. The last two end sessions on the server (SECURITY 25) and are audited in each of the user's tenants.
 */
import { AppError, forbidden } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { transaction, type Executor } from "@/lib/db/repo";
import { consume, refund } from "@/lib/ratelimit/service";
import type { Actor } from "./actor";
import { hashPassword, verifyPassword } from "./password";
import * as repo from "./repo";
import type { ChangePasswordInput, UpdateProfileInput } from "./schemas";
import { SIGN_IN_RATE_LIMITED_MESSAGE, signInLimits } from "./service";

function sessionOf(actor: Actor): string | null {
  if (actor.via.kind !== "session") throw forbidden("Your account is managed from a signed-in session");
  return actor.via.sessionId;
}

async function auditInTenants(actor: Actor, action: string, payload: Record<string, unknown>, work: (tx: Executor) => Promise<void>) {
  const tenantIds = await repo.listUserTenantIds(actor.userId);
  await transaction(async (tx) => {
    await work(tx);
    for (const tenantId of tenantIds.length > 0 ? tenantIds : [null]) {
      await recordAudit(tx, actor, { tenantId, action, subjectType: "user", subjectId: actor.userId, payload });
    }
  });
}

/**
 * Checks the current password (counted against the sign-in limits before hashing, so the form
 * is no way around them), stores the new one (Argon2id) and ends every other session.
 */
export async function changeOwnPassword(actor: Actor, input: ChangePasswordInput): Promise<{ endedSessions: number }> {
  const keep = sessionOf(actor);
  const limits = signInLimits(actor.email, actor.ip);
  await consume(limits, SIGN_IN_RATE_LIMITED_MESSAGE, "auth/rate-limited");
  const user = await repo.findUserById(actor.userId);
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.current_password))) {
    throw new AppError("request/invalid", "The request has invalid fields", { fields: [{ field: "current_password", message: "This is not your current password" }] });
  }
  await refund(limits);
  const passwordHash = await hashPassword(input.new_password);
  let endedSessions = 0;
  await auditInTenants(actor, "user.password_changed", { email: actor.email }, async (tx) => {
    await repo.setPasswordHash(tx, actor.userId, passwordHash);
    endedSessions = await repo.revokeUserSessions(tx, actor.userId, keep ? { keepSessionId: keep } : {});
  });
  return { endedSessions };
}

/** Ends every session of the caller, this one included (the browser then clears its cookie). */
export async function signOutEverywhere(actor: Actor): Promise<{ endedSessions: number }> {
  sessionOf(actor);
  let endedSessions = 0;
  await auditInTenants(actor, "auth.signed_out_everywhere", {}, async (tx) => {
    endedSessions = await repo.revokeUserSessions(tx, actor.userId);
  });
  return { endedSessions };
}

/** Changes the caller's display name (shown from their next request on). */
export async function updateOwnName(actor: Actor, input: UpdateProfileInput): Promise<{ name: string }> {
  sessionOf(actor);
  if (input.name !== actor.name) {
    await auditInTenants(actor, "user.name_changed", { email: actor.email, before: actor.name, after: input.name }, (tx) => repo.setUserName(tx, actor.userId, input.name));
  }
  return { name: input.name };
}
