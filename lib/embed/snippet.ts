/**
 * What an admin copies for an embed grant: the token, its URL and a ready <iframe>. The
 * snippet's token is deterministic (EdDSA signatures are, and its claims derive from the grant
 * and the key), so it stays the same until the grant changes or the key rotates.
 */
import type { SharingGrant } from "@/db/schema";
import { config } from "@/lib/config";
import { hmac } from "@/lib/security/crypto";
import type { GrantJson } from "@/lib/sharing/schemas";
import { currentKey } from "./keys";
import { signEmbedToken } from "./tokens";

/** A grant without expiry still gets a bounded snippet token; re-copy it after a year. */
const SNIPPET_MAX_MS = 365 * 24 * 60 * 60 * 1000;

export const embedUrl = (token: string) => `${config().appUrl}/embed/${token}`;

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/**
 * The iframe, sandboxed to what the page needs: nothing for viewing (the embed is server HTML
 * that works without scripts), forms to comment, downloads to download. No same-origin, no
 * scripts, no popups or top navigation for the framed page.
 */
export function embedSnippet(url: string, title: string, actions: readonly string[]): string {
  const sandbox = [actions.includes("comment") ? "allow-forms" : null, actions.includes("download") ? "allow-downloads" : null].filter(Boolean).join(" ");
  return `<iframe src="${escapeAttribute(url)}" title="${escapeAttribute(title)}" width="100%" height="720" style="border:0" loading="lazy" referrerpolicy="no-referrer" sandbox="${sandbox}"></iframe>`;
}

/** The embed_* fields of a live embed grant (null for other grants or dead ones). */
export async function withEmbedFields(json: GrantJson, grant: SharingGrant, pocTitle: string): Promise<GrantJson> {
  if (grant.principalType !== "embed" || json.state !== "active") return json;
  const key = await currentKey(grant.tenantId, null);
  const issuedAt = new Date(Math.max(grant.updatedAt.getTime(), key.createdAt.getTime()));
  const cap = new Date(issuedAt.getTime() + SNIPPET_MAX_MS);
  const expiresAt = grant.expiresAt && grant.expiresAt < cap ? grant.expiresAt : cap;
  const jti = hmac("embed-snippet-jti", `${grant.id}:${key.kid}:${issuedAt.getTime()}`).slice(0, 22);
  const token = await signEmbedToken(key, { grantId: grant.id, tenantId: grant.tenantId, viewer: null, issuedAt, expiresAt, jti });
  const url = embedUrl(token);
  return { ...json, embed_token: token, embed_url: url, embed_snippet: embedSnippet(url, `${pocTitle} (POC)`, grant.actions) };
}
