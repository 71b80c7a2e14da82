/**
 * API tokens: created by tenant admins, shown once, stored as a SHA-256 hash with a short
 * readable prefix for lists, revocable (effective on the next request).
 */
import type { Actor } from "@/lib/auth/actor";
import { API_TOKEN_PREFIX } from "@/lib/auth/service";
import { forbidden, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { transaction } from "@/lib/db/repo";
import { randomToken, sha256 } from "@/lib/security/crypto";
import * as repo from "./repo";
import type { ApiTokenJson, CreateApiTokenInput } from "./schemas";

function requireAdmin(actor: Actor): string {
  // Tokens manage tokens only through the UI: a leaked token must not mint more of itself.
  if (actor.role !== "tenant_admin" || !actor.tenantId) throw forbidden("Only tenant admins manage API tokens");
  if (actor.via.kind !== "session") throw forbidden("API tokens are managed from a signed-in session");
  return actor.tenantId;
}

type TokenRow = Awaited<ReturnType<typeof repo.listApiTokens>>[number];

const tokenJson = (row: TokenRow): ApiTokenJson => ({
  id: row.id,
  name: row.name,
  display_prefix: row.displayPrefix,
  created_at: row.createdAt.toISOString(),
  created_by: { id: row.userId, name: row.userName },
  last_used_at: row.lastUsedAt?.toISOString() ?? null,
  revoked_at: row.revokedAt?.toISOString() ?? null,
});

export async function createApiToken(actor: Actor, input: CreateApiTokenInput): Promise<ApiTokenJson & { token: string }> {
  const tenantId = requireAdmin(actor);
  const token = randomToken(API_TOKEN_PREFIX);
  const displayPrefix = token.slice(0, API_TOKEN_PREFIX.length + 6);
  const id = await transaction(async (tx) => {
    const created = await repo.insertApiToken(tx, { tenantId, userId: actor.userId, name: input.name, displayPrefix, tokenHash: sha256(token) });
    // The name and display prefix only: the token itself never reaches the audit trail.
    await recordAudit(tx, actor, { tenantId, action: "api_token.created", subjectType: "api_token", subjectId: created, payload: { name: input.name, display_prefix: displayPrefix } });
    return created;
  });
  const row = await repo.findApiToken(tenantId, id);
  return { ...tokenJson(row!), token };
}

export async function listApiTokens(actor: Actor): Promise<ApiTokenJson[]> {
  return (await repo.listApiTokens(requireAdmin(actor))).map(tokenJson);
}

export async function revokeApiToken(actor: Actor, tokenId: string): Promise<void> {
  const tenantId = requireAdmin(actor);
  const revoked = await transaction(async (tx) => {
    const row = await repo.revokeApiToken(tx, tenantId, tokenId);
    if (row) await recordAudit(tx, actor, { tenantId, action: "api_token.revoked", subjectType: "api_token", subjectId: row.id, payload: { name: row.name, display_prefix: row.displayPrefix } });
    return row;
  });
  if (!revoked) throw notFound("API token");
}
