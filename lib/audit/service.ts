/**
 * Audit trail. Rows are written inside the caller's transaction (so a failed change leaves
 * none) and the database refuses UPDATE/DELETE on them (migration 0001).
 */
import type { Actor } from "@/lib/auth/actor";
import type { Executor } from "@/lib/db/repo";
import type { ScimCaller } from "@/lib/scim/caller";
import * as repo from "./repo";

export type AuditActor = Actor | ScimCaller | { system: true };

function actorColumns(actor: AuditActor) {
  if ("system" in actor) return { actorType: "system" as const, actorUserId: null, actorTokenId: null, ip: null };
  if ("scimTokenId" in actor) return { actorType: "scim_token" as const, actorUserId: null, actorTokenId: actor.scimTokenId, ip: actor.ip };
  return {
    actorType: actor.via.kind === "api_token" ? ("api_token" as const) : ("user" as const),
    actorUserId: actor.userId,
    actorTokenId: actor.via.kind === "api_token" ? actor.via.tokenId : null,
    ip: actor.ip,
  };
}

export async function recordAudit(
  tx: Executor,
  actor: AuditActor,
  event: { tenantId: string; action: string; subjectType: string; subjectId: string; payload: Record<string, unknown> },
): Promise<void> {
  const who = actorColumns(actor);
  await repo.insertAuditEvent(tx, { tenantId: event.tenantId, action: event.action, subjectType: event.subjectType, subjectId: event.subjectId, payload: event.payload, ...who });
}

export async function listAuditEvents(actor: Actor, subjectId?: string) {
  if (actor.role !== "tenant_admin" || !actor.tenantId) return [];
  return repo.listAuditEvents(actor.tenantId, subjectId);
}
