import { sha256 } from "@/lib/security/crypto";
import type { Actor } from "./actor";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { bindOnSignIn } from "@/lib/invites/service";
import { countSignInRefusal } from "@/lib/metrics/registry";
import * as repo from "./repo";

export const API_TOKEN_PREFIX = "pm_";

/** Checks an email and password. Unknown emails cost the same time as wrong passwords. */
export async function authenticate(email: string, password: string): Promise<{ id: string; email: string; name: string } | null> {
  const user = await repo.findUserByEmail(email.trim());
  if (!user || !user.passwordHash || !user.active) {
    await verifyAgainstDummy(password);
    countSignInRefusal("bad_credentials");
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    // One reason for unknown emails and wrong passwords alike: the metric enumerates no accounts.
    countSignInRefusal("bad_credentials");
    return null;
  }
  // Grants shared with this email before the account existed become the account's.
  await bindOnSignIn(user.email, user.id);
  return { id: user.id, email: user.email, name: user.name };
}

export async function actorForUser(userId: string, ip: string | null): Promise<Actor | null> {
  const row = await repo.findActiveUserWithMembership(userId);
  if (!row) return null;
  return {
    userId: row.id,
    email: row.email,
    name: row.name,
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    role: row.role,
    via: { kind: "session" },
    ip,
  };
}

export async function actorForApiToken(rawToken: string, ip: string | null): Promise<Actor | null> {
  if (!rawToken.startsWith(API_TOKEN_PREFIX) || rawToken.length > 200) return null;
  const row = await repo.findLiveApiTokenByHash(sha256(rawToken));
  if (!row) return null;
  repo.touchApiToken(row.tokenId).catch((error) => console.error("[auth] could not record token use", error));
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
