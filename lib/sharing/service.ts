/**
 * Sharing grants: one service behind the grant API, the public-link API, the Share dialog and
 * the settings pages. Every function checks the caller's rights itself (rules 1-5).
 */
import type { Actor } from "@/lib/auth/actor";
import { AppError, forbidden, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { isUniqueViolation, transaction, type Executor } from "@/lib/db/repo";
import { accessFactsOf, loadPocAccess, type PocAccess } from "@/lib/pocs/service";
import { encryptSecret, randomToken, sha256 } from "@/lib/security/crypto";
import { anonymousGrantManagement } from "./policy";
import * as repo from "./repo";
import { hashPassword } from "@/lib/auth/password";
import type { CreateGrantInput, GrantJson, PublicLinkInput, PublicLinkJson, UpdateGrantInput } from "./schemas";
import { grantJson, grantPayload, publicLinkJson } from "./serialize";

const ONE_LIVE_LINK_INDEX = "sharing_grants_one_live_link";

/** The POC, after checking the caller may manage its anonymous (link/embed) grants. */
async function requireLinkAdmin(actor: Actor, pocId: string): Promise<PocAccess> {
  const loaded = await loadPocAccess(actor, pocId);
  if (!loaded) throw notFound("POC");
  const verdict = anonymousGrantManagement(accessFactsOf(actor, loaded.row));
  if (verdict === "not-found") throw notFound("POC");
  if (verdict === "forbidden") throw forbidden("Only tenant admins manage public links");
  return loaded;
}

/** Expired grants are tombstoned (kept for audit) before anything new is created. */
async function tombstoneExpired(tx: Executor, pocId: string, tenantId: string): Promise<void> {
  for (const grant of await repo.tombstoneExpired(tx, pocId)) {
    await recordAudit(tx, { system: true }, {
      tenantId,
      action: "grant.expired",
      subjectType: "sharing_grant",
      subjectId: grant.id,
      payload: grantPayload({ grant, creatorName: null }),
    });
  }
}

/** expires_at must lie in the future when it is set (checked here: "now" is not a schema fact). */
function checkExpiry(expiresAt: string | null | undefined): Date | null | undefined {
  if (expiresAt === undefined || expiresAt === null) return expiresAt;
  const date = new Date(expiresAt);
  if (date.getTime() <= Date.now()) {
    throw new AppError("request/invalid", "The request has invalid fields", { fields: [{ field: "expires_at", message: "Must be in the future" }] });
  }
  return date;
}

export async function createGrant(actor: Actor, input: CreateGrantInput): Promise<GrantJson> {
  const { row } = await requireLinkAdmin(actor, input.subject_id);
  const tenantId = row.poc.tenantId;
  const expiresAt = checkExpiry(input.expires_at) ?? null;
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const token = randomToken();
  try {
    const grantId = await transaction(async (tx) => {
      await tombstoneExpired(tx, input.subject_id, tenantId);
      const grant = await repo.insertGrant(tx, {
        tenantId,
        subjectType: "poc",
        subjectId: input.subject_id,
        principalType: input.principal_type,
        actions: input.actions,
        watermark: input.watermark ?? false,
        expiresAt,
        passwordHash,
        tokenHash: sha256(token),
        tokenEncrypted: encryptSecret(token),
        createdByUserId: actor.userId,
        createdByTokenId: actor.via.kind === "api_token" ? actor.via.tokenId : null,
        updatedByUserId: actor.userId,
      });
      const created = await repo.findGrant(grant.id, tx);
      await recordAudit(tx, actor, { tenantId, action: "grant.created", subjectType: "sharing_grant", subjectId: grant.id, payload: grantPayload(created!) });
      return grant.id;
    });
    return grantJson((await repo.findGrant(grantId))!);
  } catch (error) {
    if (!isUniqueViolation(error, ONE_LIVE_LINK_INDEX)) throw error;
    const existing = await repo.findOpenLink(input.subject_id);
    throw new AppError("share/link-exists", "This POC already has a live public link", { extra: { existing_grant_id: existing?.grant.id ?? null } });
  }
}

/** Loads a grant the caller may manage; other tenants' grants do not exist for them. */
async function requireManagedGrant(actor: Actor, grantId: string): Promise<repo.GrantRow> {
  const row = await repo.findGrant(grantId);
  if (!row) throw notFound("Grant");
  try {
    await requireLinkAdmin(actor, row.grant.subjectId);
  } catch (error) {
    if (error instanceof AppError && error.code === "resource/not-found") throw notFound("Grant");
    throw error;
  }
  return row;
}

export async function getGrant(actor: Actor, grantId: string): Promise<GrantJson> {
  return grantJson(await requireManagedGrant(actor, grantId));
}

export async function listGrants(actor: Actor, subject: { subject_type: "poc"; subject_id: string }): Promise<GrantJson[]> {
  await requireLinkAdmin(actor, subject.subject_id);
  return (await repo.listSubjectGrants(subject.subject_id)).map(grantJson);
}

export async function updateGrant(actor: Actor, grantId: string, input: UpdateGrantInput): Promise<GrantJson> {
  const before = await requireManagedGrant(actor, grantId);
  const expiresAt = checkExpiry(input.expires_at);
  const passwordChange =
    input.password === undefined
      ? {}
      : { passwordHash: input.password === null ? null : await hashPassword(input.password), passwordVersion: before.grant.passwordVersion + 1 };
  const updated = await transaction(async (tx) => {
    const grant = await repo.updateGrant(tx, grantId, {
      actions: input.actions,
      watermark: input.watermark,
      expiresAt,
      ...passwordChange,
      updatedByUserId: actor.userId,
    });
    if (!grant) return null;
    const after = { grant, creatorName: before.creatorName };
    await recordAudit(tx, actor, {
      tenantId: grant.tenantId,
      action: "grant.updated",
      subjectType: "sharing_grant",
      subjectId: grant.id,
      payload: { before: grantPayload(before), after: grantPayload(after), password_changed: input.password !== undefined },
    });
    return after;
  });
  if (!updated) throw notFound("Live grant");
  return grantJson(updated);
}

export async function revokeGrant(actor: Actor, grantId: string): Promise<void> {
  const row = await requireManagedGrant(actor, grantId);
  const revoked = await transaction(async (tx) => {
    const grant = await repo.revokeGrant(tx, grantId, actor.userId);
    if (!grant) return false;
    await recordAudit(tx, actor, {
      tenantId: grant.tenantId,
      action: "grant.revoked",
      subjectType: "sharing_grant",
      subjectId: grant.id,
      payload: grantPayload({ grant, creatorName: row.creatorName }),
    });
    return true;
  });
  if (!revoked) throw notFound("Live grant");
}

// ---- the public-link face of the same service ----

export async function createPublicLink(actor: Actor, pocId: string, options: PublicLinkInput = {}): Promise<PublicLinkJson> {
  const grant = await createGrant(actor, { subject_type: "poc", subject_id: pocId, principal_type: "link", ...options, actions: options.actions ?? ["view"] });
  return publicLinkJson((await repo.findGrant(grant.id))!);
}

async function liveLinkOf(actor: Actor, pocId: string): Promise<repo.GrantRow> {
  await requireLinkAdmin(actor, pocId);
  const link = await repo.findOpenLink(pocId);
  if (!link || (link.grant.expiresAt && link.grant.expiresAt <= new Date())) throw notFound("Live public link");
  return link;
}

export async function getPublicLink(actor: Actor, pocId: string): Promise<PublicLinkJson> {
  return publicLinkJson(await liveLinkOf(actor, pocId));
}

export async function deletePublicLink(actor: Actor, pocId: string): Promise<void> {
  await revokeGrant(actor, (await liveLinkOf(actor, pocId)).grant.id);
}

/** Settings → Shared links: every live public link of the admin's tenant. */
export async function listTenantLinks(actor: Actor) {
  if (actor.role !== "tenant_admin" || !actor.tenantId) throw forbidden("Only tenant admins see the tenant's links");
  const rows = await repo.listTenantLiveLinks(actor.tenantId);
  return rows.map((r) => ({ ...grantJson(r), poc_title: r.pocTitle }));
}

/**
 * Tombstones every grant past its expiry, with one `grant.expired` audit row each (the app
 * refuses expired grants on every request anyway; this keeps the state and the trail true).
 * Safe on several instances at once: each row is tombstoned by exactly one UPDATE.
 */
export async function sweepExpiredGrants(): Promise<number> {
  return transaction(async (tx) => {
    const expired = await repo.tombstoneAllExpired(tx);
    for (const grant of expired) {
      await recordAudit(tx, { system: true }, {
        tenantId: grant.tenantId,
        action: "grant.expired",
        subjectType: "sharing_grant",
        subjectId: grant.id,
        payload: grantPayload({ grant, creatorName: null }),
      });
    }
    return expired.length;
  });
}
