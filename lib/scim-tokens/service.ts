/**
 * SCIM tokens (Settings → Identity provider): a tenant admin creates one per identity
 * provider. Shown once, stored as a SHA-256 hash with a readable prefix, revocable (the next
 * SCIM request with it is refused), every change audited.
 */
import { logger } from "@/lib/log";
import type { Actor } from "@/lib/auth/actor";
import { forbidden, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { config } from "@/lib/config";
import { transaction } from "@/lib/db/repo";
import { randomToken, sha256 } from "@/lib/security/crypto";
import * as repo from "./repo";
import type { CreateScimTokenInput, CreatedScimTokenJson, ScimTokenJson } from "./schemas";

export const SCIM_TOKEN_PREFIX = "pmscim_";

function requireAdmin(actor: Actor): string {
  if (actor.role !== "tenant_admin" || !actor.tenantId) throw forbidden("Only tenant admins manage SCIM tokens");
  return actor.tenantId;
}

/** Where the identity provider sends its requests. */
export const scimBaseUrl = (): string => `${config().appUrl.replace(/\/$/, "")}/scim/v2`;

type TokenRow = NonNullable<Awaited<ReturnType<typeof repo.findScimToken>>>;

const tokenJson = (row: TokenRow): ScimTokenJson => ({
  id: row.id,
  name: row.name,
  display_prefix: row.displayPrefix,
  created_at: row.createdAt.toISOString(),
  created_by: row.createdByUserId && row.createdByName ? { id: row.createdByUserId, name: row.createdByName } : null,
  last_used_at: row.lastUsedAt?.toISOString() ?? null,
  revoked_at: row.revokedAt?.toISOString() ?? null,
});

export async function createScimToken(actor: Actor, input: CreateScimTokenInput): Promise<CreatedScimTokenJson> {
  const tenantId = requireAdmin(actor);
  const token = randomToken(SCIM_TOKEN_PREFIX);
  const displayPrefix = token.slice(0, SCIM_TOKEN_PREFIX.length + 6);
  const row = await transaction(async (tx) => {
    const id = await repo.insertScimToken(tx, { tenantId, createdByUserId: actor.userId, name: input.name, displayPrefix, tokenHash: sha256(token) });
    await recordAudit(tx, actor, { tenantId, action: "scim_token.created", subjectType: "scim_token", subjectId: id, payload: { name: input.name, display_prefix: displayPrefix } });
    return (await repo.findScimToken(tenantId, id, tx))!;
  });
  return { ...tokenJson(row), token, scim_base_url: scimBaseUrl() };
}

export async function listScimTokens(actor: Actor): Promise<ScimTokenJson[]> {
  return (await repo.listScimTokens(requireAdmin(actor))).map(tokenJson);
}

export async function revokeScimToken(actor: Actor, tokenId: string): Promise<void> {
  const tenantId = requireAdmin(actor);
  await transaction(async (tx) => {
    const revoked = await repo.revokeScimToken(tx, tenantId, tokenId);
    if (!revoked) throw notFound("SCIM token");
    await recordAudit(tx, actor, { tenantId, action: "scim_token.revoked", subjectType: "scim_token", subjectId: tokenId, payload: { name: revoked.name } });
  });
}

/** For the SCIM wrapper: the token's id and tenant when it is live, else null. */
export async function scimTokenFor(rawToken: string) {
  if (!rawToken.startsWith(SCIM_TOKEN_PREFIX) || rawToken.length > 200) return null;
  const row = await repo.findLiveScimTokenByHash(sha256(rawToken));
  // Outside the request's transaction: it must not hold a lock on the token row meanwhile.
  if (row?.touchDue) repo.touchScimToken(row.id).catch((error: unknown) => logger.error({ err: error }, "could not record SCIM token use"));
  return row;
}
