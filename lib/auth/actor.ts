import type { TenantRole } from "@/db/schema";

/**
 * Who is making a request, resolved fresh from the database on every request (so a role
 * change, a deactivation or a revoked token applies at once). An API token acts as the user
 * who created it, but only inside the token's tenant.
 */
export type Actor = {
  userId: string;
  email: string;
  name: string;
  tenantId: string | null;
  tenantName: string | null;
  role: TenantRole | null;
  via: { kind: "session"; sessionId: string | null } | { kind: "api_token"; tokenId: string };
  ip: string | null;
};

/** A signed-in user's actor from the user-and-membership columns the auth queries select. */
export function sessionActorOf(
  row: { id: string; email: string; name: string; tenantId: string | null; tenantName: string | null; role: TenantRole | null },
  sessionId: string | null,
  ip: string | null,
): Actor {
  return { userId: row.id, email: row.email, name: row.name, tenantId: row.tenantId, tenantName: row.tenantName, role: row.role, via: { kind: "session", sessionId }, ip };
}

export const isTenantAdmin = (actor: Actor): boolean => actor.role === "tenant_admin";

/** The key that scopes per-caller state such as idempotency keys. */
export const callerScope = (actor: Actor): string =>
  actor.via.kind === "api_token" ? `token:${actor.via.tokenId}` : `user:${actor.userId}`;
