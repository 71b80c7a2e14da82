/**
 * Embeds: anonymous access through a signed token (lib/embed/tokens.ts) whose grant is checked
 * live on every request, viewer tokens for integrators, and the tenant's signing keys
 * (rotation with a grace period, audited). Nothing here answers more than the grant allows.
 */
import type { Actor } from "@/lib/auth/actor";
import { AppError, forbidden } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { transaction } from "@/lib/db/repo";
import { logShareView } from "@/lib/sharing/access-log";
import { addGuestComment } from "@/lib/sharing/public-service";
import type { GuestCommentInput, PublicPocView } from "@/lib/sharing/schemas";
import { getGrant } from "@/lib/sharing/service";
import { currentKey, KEY_GRACE_MS, newKeyValues } from "./keys";
import * as repo from "./repo";
import type { EmbedKeyJson, ViewerTokenInput, ViewerTokenJson } from "./schemas";
import { embedUrl } from "./snippet";
import { signedGrantOf, signEmbedToken, verifyEmbedToken } from "./tokens";
import { storedUserAgent } from "@/lib/activity/user-agent";

/** Who is asking: the token from the URL, and where from (for the access log). */
export type EmbedRequest = { token: string; ip: string | null; userAgent: string | null };

const UNNAMED_VIEWER = "Embedded view";

type Lookup = NonNullable<Awaited<ReturnType<typeof repo.findEmbedGrant>>>;

export type OpenedEmbed = {
  grantId: string;
  subjectId: string;
  actions: Lookup["grant"]["actions"];
  origins: string[];
  viewer: string | null;
};

/**
 * Verifies the token, then reads the grant and the signing key's state live. The order of
 * refusals: a bad token (401 embed/invalid|expired), an unknown grant (404), a grant of
 * another tenant than the key's (forged: 401), a key past its grace period (401
 * embed/expired), then the grant's own state (403 share/revoked|expired).
 */
async function liveEmbed(token: string, withView: boolean): Promise<{ opened: OpenedEmbed; viewJson: string | null }> {
  const verified = await verifyEmbedToken(token);
  // A watermarked embed names the integrator's viewer, or says what it is when none was given.
  const row = await repo.findEmbedGrant(verified.grantId, verified.kid, { withView, viewer: verified.viewer ?? UNNAMED_VIEWER });
  if (!row || !row.pocExists) throw new AppError("share/not-found", "This embed does not exist");
  if (row.grant.tenantId !== verified.tenantId || row.keyTenantId !== verified.tenantId) throw new AppError("embed/invalid", "This embed link is not valid");
  // Judged on the app's clock, like the token's own exp.
  if (row.keyRetiresAt && row.keyRetiresAt.getTime() <= Date.now()) throw new AppError("embed/expired", "This embed link has expired");
  if (row.grant.revokedAt) throw new AppError("share/revoked", "This embed is no longer available");
  if (row.grant.tombstonedAt || row.expired) throw new AppError("share/expired", "This embed has expired");
  const { grant } = row;
  return {
    opened: { grantId: grant.id, subjectId: grant.subjectId, actions: grant.actions, origins: grant.embedOrigins ?? [], viewer: verified.viewer },
    viewJson: row.viewJson,
  };
}

/**
 * The origins that may frame the error page of a refused token: its grant's, when the token
 * is genuine (expired, revoked, its key retired), so the site's iframe shows our page instead
 * of the browser's refusal; none for anything else.
 */
async function refusedTokenOrigins(token: string): Promise<string[]> {
  const signed = await signedGrantOf(token);
  const row = signed ? await repo.findEmbedGrant(signed.grantId, signed.kid, { withView: false, viewer: null }) : null;
  return row && row.grant.tenantId === signed!.tenantId ? (row.grant.embedOrigins ?? []) : [];
}

/** The embed's view document as JSON text (PublicPocView), as Postgres built it: the JSON API sends it as it is. */
export async function openEmbedJson(req: EmbedRequest): Promise<{ embed: OpenedEmbed; viewJson: string }> {
  const { opened, viewJson } = await liveEmbed(req.token, true);
  return { embed: opened, viewJson: viewJson! };
}

/** The embed's POC view (watermarked with the token's viewer when the grant asks for it). */
export async function openEmbed(req: EmbedRequest): Promise<{ embed: OpenedEmbed; view: PublicPocView }> {
  const { embed, viewJson } = await openEmbedJson(req);
  return { embed, view: JSON.parse(viewJson) as PublicPocView };
}

export type EmbedErrorCode = "embed/invalid" | "embed/expired" | "share/revoked" | "share/expired" | "share/not-found";
const EMBED_ERROR_CODES = new Set<string>(["embed/invalid", "embed/expired", "share/revoked", "share/expired", "share/not-found"]);
export const isEmbedError = (error: unknown): error is AppError & { code: EmbedErrorCode } => error instanceof AppError && EMBED_ERROR_CODES.has(error.code);

export type EmbedPageState =
  | { kind: "view"; origins: string[]; embed: OpenedEmbed; view: PublicPocView }
  | { kind: "error"; origins: string[]; code: EmbedErrorCode; status: number };

/** What the embed page shows, with the origins that may frame it: the POC (logged), or why not. */
export async function loadEmbed(req: EmbedRequest): Promise<EmbedPageState> {
  try {
    const { embed, view } = await openEmbed(req);
    recordEmbedView(embed, req);
    return { kind: "view", origins: embed.origins, embed, view };
  } catch (error) {
    if (!isEmbedError(error)) throw error;
    return { kind: "error", origins: await refusedTokenOrigins(req.token), code: error.code, status: error.status };
  }
}

/** The access log of an embed view: batched like share page views. */
export function recordEmbedView(embed: OpenedEmbed, req: EmbedRequest): void {
  const isEmail = embed.viewer !== null && embed.viewer.includes("@");
  logShareView({
    grantId: embed.grantId,
    viewerEmail: isEmail ? embed.viewer : null,
    viewerExternalId: isEmail ? null : embed.viewer,
    ip: req.ip,
    userAgent: storedUserAgent(req.userAgent),
  });
}

export async function postEmbedComment(req: EmbedRequest, input: GuestCommentInput): Promise<void> {
  const { opened } = await liveEmbed(req.token, false);
  await addGuestComment({ id: opened.grantId, subjectId: opened.subjectId, actions: opened.actions }, input, req.ip);
}

/**
 * The live embed grant for an export (lib/exports): `download` held, checked on every request.
 * The view carries the token's viewer as its watermark when the grant asks for one.
 */
export async function openEmbedForExport(req: EmbedRequest) {
  const { embed, view } = await openEmbed(req);
  if (!embed.actions.includes("download")) throw forbidden("This embed does not allow downloads");
  return { grantId: embed.grantId, pocId: embed.subjectId, viewer: embed.viewer, view };
}

// ---- integrators: short-lived viewer tokens ----

/** A token for one viewer, signed with the tenant's current key, never outliving the grant. */
export async function createViewerToken(actor: Actor, grantId: string, input: ViewerTokenInput): Promise<ViewerTokenJson> {
  const grant = await getGrant(actor, grantId); // tenant admins only, for embed grants
  if (grant.principal_type !== "embed") {
    throw new AppError("request/invalid", "The request has invalid fields", { fields: [{ field: "grant_id", message: "Viewer tokens are for embed grants" }] });
  }
  if (grant.state === "revoked") throw new AppError("share/revoked", "This embed is revoked");
  if (grant.state === "expired") throw new AppError("share/expired", "This embed has expired");
  const key = await currentKey(actor.tenantId!, actor.userId);
  const issuedAt = new Date();
  const wanted = new Date(issuedAt.getTime() + input.ttl_seconds * 1000);
  const expiresAt = grant.expires_at && new Date(grant.expires_at) < wanted ? new Date(grant.expires_at) : wanted;
  const token = await signEmbedToken(key, { grantId, tenantId: key.tenantId, viewer: input.viewer ?? null, issuedAt, expiresAt });
  return { token, embed_url: embedUrl(token), expires_at: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000).toISOString() };
}

// ---- Settings → Embeds: the signing keys ----

function requireTenantAdmin(actor: Actor): string {
  if (actor.role !== "tenant_admin" || !actor.tenantId) throw forbidden("Only tenant admins manage embed keys");
  return actor.tenantId;
}

function keyJson(row: Awaited<ReturnType<typeof repo.listTenantKeys>>[number], now = Date.now()): EmbedKeyJson {
  const state = row.rotatedAt === null ? "current" : row.retiresAt && row.retiresAt.getTime() > now ? "grace" : "retired";
  return {
    kid: row.kid,
    alg: row.alg,
    state,
    created_at: row.createdAt.toISOString(),
    rotated_at: row.rotatedAt?.toISOString() ?? null,
    retires_at: row.retiresAt?.toISOString() ?? null,
  };
}

export async function listEmbedKeys(actor: Actor): Promise<EmbedKeyJson[]> {
  const tenantId = requireTenantAdmin(actor);
  await currentKey(tenantId, actor.userId);
  return (await repo.listTenantKeys(tenantId)).map((row) => keyJson(row));
}

/**
 * Issues a new current key. Tokens of the old one keep working for KEY_GRACE_MS (so sites can
 * pick up fresh snippets), unless an admin retires it early. One audit row.
 */
export async function rotateEmbedKey(actor: Actor): Promise<EmbedKeyJson[]> {
  const tenantId = requireTenantAdmin(actor);
  await currentKey(tenantId, actor.userId);
  const values = await newKeyValues(tenantId, actor.userId);
  await transaction(async (tx) => {
    const old = (await repo.lockCurrentKey(tx, tenantId))!;
    const retiresAt = new Date(Date.now() + KEY_GRACE_MS);
    await repo.markRotated(tx, old.id, retiresAt);
    const fresh = await repo.insertKey(tx, values);
    await recordAudit(tx, actor, {
      tenantId,
      action: "embed_key.rotated",
      subjectType: "embed_signing_key",
      subjectId: fresh.id,
      payload: { new_kid: fresh.kid, old_kid: old.kid, alg: fresh.alg, old_key_retires_at: retiresAt.toISOString() },
    });
  });
  return listEmbedKeys(actor);
}

/** "Revoke the old key now": ends every grace period at once; their tokens stop on the next request. */
export async function retireOldEmbedKeys(actor: Actor): Promise<EmbedKeyJson[]> {
  const tenantId = requireTenantAdmin(actor);
  await transaction(async (tx) => {
    const current = await repo.lockCurrentKey(tx, tenantId);
    const kids = await repo.retireGraceKeys(tx, tenantId);
    if (kids.length === 0 || !current) return;
    await recordAudit(tx, actor, { tenantId, action: "embed_key.retired", subjectType: "embed_signing_key", subjectId: current.id, payload: { retired_kids: kids, current_kid: current.kid } });
  });
  return listEmbedKeys(actor);
}
