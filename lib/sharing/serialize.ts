/** Grant rows → API JSON. Secrets (hashes, sealed tokens, passwords) never leave here. */
import type { SharingGrant } from "@/db/schema";
import { config } from "@/lib/config";
import { decryptSecret } from "@/lib/security/crypto";
import { grantState } from "./policy";
import type { GrantRow } from "./repo";
import type { GrantJson, PublicLinkJson } from "./schemas";

export const shareUrl = (token: string) => `${config().appUrl}/share/${token}`;

function createdBy(grant: SharingGrant, creatorName: string | null): GrantJson["created_by"] {
  if (grant.createdByTokenId && grant.createdByUserId) return { kind: "api_token", id: grant.createdByTokenId, name: creatorName ?? "API token" };
  if (grant.createdByUserId) return { kind: "user", id: grant.createdByUserId, name: creatorName ?? "Former user" };
  return null;
}

export type GrantPayload = Omit<GrantJson, "link_url" | "activity" | "embed_url" | "embed_snippet" | "embed_token">;

/** The grant without any secret: this is also the audit payload. */
export function grantPayload(row: GrantRow, now = new Date()): GrantPayload {
  const g = row.grant;
  return {
    id: g.id,
    subject_type: g.subjectType,
    subject_id: g.subjectId,
    principal_type: g.principalType,
    principal: {
      id: g.principalUserId ?? g.principalTeamId ?? g.principalRole ?? null,
      name: row.principalName ?? null,
      email: g.principalEmail ?? row.principalEmail ?? null,
      pending: g.principalType === "user" && g.principalUserId === null,
    },
    actions: g.actions,
    watermark: g.watermark,
    expires_at: g.expiresAt?.toISOString() ?? null,
    has_password: g.passwordHash !== null,
    embed_origins: g.embedOrigins ?? null,
    notify_views: g.notifyViews,
    state: grantState(g, now),
    created_at: g.createdAt.toISOString(),
    created_by: createdBy(g, row.creatorName),
    updated_at: g.updatedAt.toISOString(),
    revoked_at: g.revokedAt?.toISOString() ?? null,
  };
}

/** The link's token, recovered from its sealed copy (tenant admins only, via the service). */
export function linkToken(grant: SharingGrant): string | null {
  return grant.tokenEncrypted ? decryptSecret(grant.tokenEncrypted) : null;
}

export function grantJson(row: GrantRow): GrantJson {
  const token = row.grant.principalType === "link" && row.grant.revokedAt === null ? linkToken(row.grant) : null;
  // Embed fields need a signature (async): the service fills them in (lib/embed/snippet.ts).
  return { ...grantPayload(row), link_url: token ? shareUrl(token) : null, embed_url: null, embed_snippet: null, embed_token: null };
}

export function publicLinkJson(row: GrantRow): PublicLinkJson {
  const token = linkToken(row.grant)!;
  const p = grantPayload(row);
  return { id: p.id, poc_id: p.subject_id, access_token: token, access_url: shareUrl(token), created_at: p.created_at, created_by: p.created_by };
}
