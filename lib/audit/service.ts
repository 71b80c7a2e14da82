/**
 * Audit trail. Rows are written inside the caller's transaction (so a failed change leaves
 * none) and the database refuses UPDATE/DELETE on them (migration 0001).
 */
import type { Actor } from "@/lib/auth/actor";
import type { Executor } from "@/lib/db/repo";
import * as repo from "./repo";

/** Who did it: a signed-in actor, the system (sweeps), or an anonymous caller (failed sign-ins). */
export type AuditActor = Actor | { system: true } | { anonymous: true; ip: string | null };

export async function recordAudit(
  tx: Executor,
  actor: AuditActor,
  // tenantId null: an event of no tenant (e.g. a failed sign-in for an unknown email).
  event: { tenantId: string | null; action: string; subjectType: string; subjectId: string | null; payload: Record<string, unknown> },
): Promise<void> {
  const who =
    "system" in actor
      ? { actorType: "system" as const, actorUserId: null, actorTokenId: null, ip: null }
      : "anonymous" in actor
        ? { actorType: "public" as const, actorUserId: null, actorTokenId: null, ip: actor.ip }
        : {
          actorType: actor.via.kind === "api_token" ? ("api_token" as const) : ("user" as const),
          actorUserId: actor.userId,
          actorTokenId: actor.via.kind === "api_token" ? actor.via.tokenId : null,
          ip: actor.ip,
        };
  await repo.insertAuditEvent(tx, { tenantId: event.tenantId, action: event.action, subjectType: event.subjectType, subjectId: event.subjectId, payload: event.payload, ...who });
}

export async function listAuditEvents(actor: Actor, subjectId?: string) {
  if (actor.role !== "tenant_admin" || !actor.tenantId) return [];
  return repo.listAuditEvents(actor.tenantId, subjectId);
}
