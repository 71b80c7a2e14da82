/**
 * Sharing grants: one service behind the grant API, the public-link API, the Share dialog and
 * the settings pages, for every audience (user, team, role, link). Every function checks the
 * caller's rights itself (DESIGN access rules 1-5).
 */
import { randomUUID } from "node:crypto";
import type { SharingGrant } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { AppError, forbidden, notFound } from "@/lib/api/errors";
import { activityOf } from "@/lib/activity/summary";
import { chainedEvent, recordAudit, type AuditActor } from "@/lib/audit/service";
import { findUserByEmail } from "@/lib/auth/repo";
import { hashPassword } from "@/lib/auth/password";
import { transaction, type Executor } from "@/lib/db/repo";
import { kickEmailDelivery } from "@/lib/email/service";
import { queueInvite, queueShareNotice } from "@/lib/invites/service";
import { accessFactsOf, loadGrantWithPocAccess, loadPocAccess, requireAccess, requirePocAccess, type PocAccess } from "@/lib/pocs/service";
import { encryptSecret, randomToken, sha256 } from "@/lib/security/crypto";
import { currentKey } from "@/lib/embed/keys";
import { withEmbedFields } from "@/lib/embed/snippet";
import { findTeamInTenant } from "@/lib/teams/service";
import { areTenantMembersOf } from "@/lib/tenants/service";
import { anonymousActionProblem, anonymousGrantManagement, can, grantState, reshareDecision, viewerRulesTightened, type ReshareDecision, type ReshareRequest, type ViewerRules } from "./policy";
import * as repo from "./repo";
import type { CreateGrantInput, EndedLinkList, GrantJson, PublicLinkInput, PublicLinkJson, SharedWithMeJson, UpdateGrantInput } from "./schemas";
import { grantJson, grantPayload, publicLinkJson } from "./serialize";


/** The API says which restrictions the grant inherited from its sharer. */
const withInherited = (json: GrantJson, decision: ReshareDecision | null): GrantJson =>
  decision && decision.inherited.length > 0 ? { ...json, inherited_restrictions: decision.inherited } : json;
/** The optional note to a person (user grants only). */
const noteOf = (input: CreateGrantInput): string | undefined => (input.principal_type === "user" && input.message ? input.message : undefined);
const isAnonymous = (type: string) => type === "link" || type === "embed";

/** A grant as the API shows it; live embeds get their freshly signed token and snippet. */
const present = (row: repo.GrantRow, pocTitle: string): Promise<GrantJson> => withEmbedFields(grantJson(row), row.grant, pocTitle);

const invalidField = (field: string, message: string) => new AppError("request/invalid", "The request has invalid fields", { fields: [{ field, message }] });

/** The POC, after checking the caller may manage its anonymous (link/embed) grants. */
async function requireLinkAdmin(actor: Actor, pocId: string): Promise<PocAccess> {
  return linkAdminCheck(actor, await loadPocAccess(actor, pocId));
}

function linkAdminCheck(actor: Actor, loaded: PocAccess | null): PocAccess {
  if (!loaded) throw notFound("POC");
  const verdict = anonymousGrantManagement(accessFactsOf(actor, loaded.row));
  if (verdict === "not-found") throw notFound("POC");
  if (verdict === "forbidden") throw forbidden("Only tenant admins manage public links and embeds");
  return loaded;
}

/** Rule 3 for signed-in principals (policy.reshareDecision): refused, or the grant's forced watermark. */
async function checkReshare(actor: Actor, loaded: PocAccess, requested: ReshareRequest): Promise<ReshareDecision> {
  const shareExpiresAt = loaded.access.manage ? "never" : await repo.findShareRightExpiry(loaded.row.poc.id, loaded.row.poc.tenantId, actor.userId);
  const outsider = loaded.row.viewerRole === null || (actor.via.kind === "api_token" && actor.tenantId !== loaded.row.poc.tenantId);
  const decision = reshareDecision({ access: loaded.access, shareExpiresAt, outsider }, requested);
  if (decision.problems.length > 0) throw forbidden(decision.problems.join(". "));
  return decision;
}

const reshareRequestOf = (input: CreateGrantInput, expiresAt: Date | null): ReshareRequest => ({
  principalType: input.principal_type as ReshareRequest["principalType"],
  byEmail: input.principal_type === "user" && input.email !== undefined,
  actions: input.actions,
  expiresAt,
  watermark: input.watermark ?? false,
});

/** expires_at must lie in the future when it is set (checked here: "now" is not a schema fact). */
function checkExpiry(expiresAt: string | null | undefined): Date | null | undefined {
  if (expiresAt === undefined || expiresAt === null) return expiresAt;
  const date = new Date(expiresAt);
  if (date.getTime() <= Date.now()) throw invalidField("expires_at", "Must be in the future");
  return date;
}

type ViewerOptionsInput = { require_verified_email?: boolean; allowed_viewers?: string[]; denied_viewers?: string[] };
const NO_VIEWER_RULES: ViewerRules = { requireVerifiedEmail: false, allowedViewers: [], deniedViewers: [] };
const hasViewerOptions = (input: ViewerOptionsInput) =>
  input.require_verified_email !== undefined || input.allowed_viewers !== undefined || input.denied_viewers !== undefined;

/** A link's viewer rules after a create or update. The lists imply verification, so it is stored on with them. */
function nextViewerRules(input: ViewerOptionsInput, before: ViewerRules): ViewerRules & { allowedViewers: string[]; deniedViewers: string[] } {
  const allowedViewers = [...(input.allowed_viewers ?? before.allowedViewers)];
  const deniedViewers = [...(input.denied_viewers ?? before.deniedViewers)];
  const listed = allowedViewers.length > 0 || deniedViewers.length > 0;
  if (input.require_verified_email === false && listed) {
    throw invalidField("require_verified_email", "Allowed and denied viewers need verified emails: empty both lists to turn verification off");
  }
  return { requireVerifiedEmail: (input.require_verified_email ?? before.requireVerifiedEmail) || listed, allowedViewers, deniedViewers };
}

/** Expired grants are tombstoned (kept for audit) before anything new is created. */
async function tombstoneExpired(tx: Executor, pocId: string, tenantId: string): Promise<void> {
  for (const grant of await repo.tombstoneExpired(tx, pocId)) await auditExpired(tx, grant, tenantId);
}

function auditExpired(tx: Executor, grant: repo.GrantRow["grant"], tenantId: string) {
  return recordAudit(tx, { system: true }, { tenantId, action: "grant.expired", subjectType: "sharing_grant", subjectId: grant.id, pocId: grant.subjectId, payload: grantPayload({ grant, creatorName: null }) });
}

type Principal =
  | { type: "link" }
  | { type: "embed"; origins: string[] }
  | { type: "user"; userId: string | null; email: string | null; name: string | null }
  | { type: "team"; teamId: string }
  | { type: "role"; role: "member" | "executive" };

/** Resolves who the grant is for; an unknown email becomes a pending invite. */
async function resolvePrincipal(input: CreateGrantInput, tenantId: string): Promise<Principal> {
  switch (input.principal_type) {
    case "link":
      return { type: "link" };
    case "embed":
      return { type: "embed", origins: input.embed_origins };
    case "team": {
      if (!(await findTeamInTenant(tenantId, input.principal_id))) throw invalidField("principal_id", "No such team in this tenant");
      return { type: "team", teamId: input.principal_id };
    }
    case "role":
      return { type: "role", role: input.principal_id };
    case "user": {
      if (input.principal_id) {
        // Ids address people of the POC's own tenant; anyone else is invited by email.
        if (!(await areTenantMembersOf(tenantId, [input.principal_id]))) throw invalidField("principal_id", "No such member in this tenant; share by email instead");
        return { type: "user", userId: input.principal_id, email: null, name: null };
      }
      const user = await findUserByEmail(input.email!);
      if (user && !user.active) throw invalidField("email", "This account is deactivated");
      return user ? { type: "user", userId: user.id, email: user.email, name: user.name } : { type: "user", userId: null, email: input.email!, name: null };
    }
  }
}

/** The authorization part of createGrant, on its own: an idempotent replay runs it again. */
export async function authorizeCreateGrant(
  actor: Actor,
  input: CreateGrantInput,
  options: { checkExpiry?: boolean } = {},
): Promise<{ loaded: PocAccess; decision: ReshareDecision | null }> {
  const anonymous = isAnonymous(input.principal_type);
  const loaded = anonymous ? await requireLinkAdmin(actor, input.subject_id) : await requirePocAccess(actor, input.subject_id);
  const expiresAt = (options.checkExpiry ? checkExpiry(input.expires_at) : input.expires_at ? new Date(input.expires_at) : null) ?? null;
  const decision = anonymous ? null : await checkReshare(actor, loaded, reshareRequestOf(input, expiresAt));
  return { loaded, decision };
}

export async function createGrant(actor: Actor, input: CreateGrantInput): Promise<GrantJson> {
  const { loaded, decision } = await authorizeCreateGrant(actor, input, { checkExpiry: true });
  const { poc } = loaded.row;
  const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
  const principal = await resolvePrincipal(input, poc.tenantId);
  if (principal.type === "embed") await currentKey(poc.tenantId, actor.userId);
  if (principal.type !== "link" && principal.type !== "embed") {
    const existing = await repo.findLiveGrantForPrincipal(poc.id, principal);
    if (existing) throw new AppError("resource/conflict", "This POC is already shared with them: change the existing grant instead", { extra: { existing_grant_id: existing } });
  }
  const passwordHash = input.principal_type === "link" && input.password ? await hashPassword(input.password) : null;
  const viewerRules = nextViewerRules(input.principal_type === "link" ? input : {}, NO_VIEWER_RULES);
  const token = principal.type === "link" ? randomToken() : null;
  const values = {
    tenantId: poc.tenantId,
    subjectType: "poc" as const,
    subjectId: poc.id,
    principalType: principal.type,
    principalUserId: principal.type === "user" ? principal.userId : null,
    principalEmail: principal.type === "user" && !principal.userId ? principal.email : null,
    principalTeamId: principal.type === "team" ? principal.teamId : null,
    principalRole: principal.type === "role" ? principal.role : null,
    embedOrigins: principal.type === "embed" ? principal.origins : null,
    actions: input.actions,
    watermark: decision?.watermark ?? input.watermark ?? false,
    notifyViews: input.notify_views ?? "off",
    expiresAt,
    passwordHash,
    ...viewerRules,
    tokenHash: token ? sha256(token) : null,
    tokenEncrypted: token ? encryptSecret(token) : null,
    createdByUserId: actor.userId,
    createdByTokenId: actor.via.kind === "api_token" ? actor.via.tokenId : null,
    updatedByUserId: actor.userId,
  };
  const created = isAnonymous(principal.type) ? await insertAnonymousGrant(actor, values) : await insertNamedGrant(actor, values, principal, poc, noteOf(input));
  const queuesEmail = principal.type === "user" && principal.email !== null;
  if (queuesEmail) kickEmailDelivery();
  return withInherited(await present(created, poc.title), decision);
}

async function linkExists(pocId: string): Promise<AppError> {
  const existing = await repo.findOpenLink(pocId);
  return new AppError("share/link-exists", "This POC already has a live public link", { extra: { existing_grant_id: existing?.grant.id ?? null } });
}

type NewGrant = Omit<SharingGrant, "id" | "createdAt" | "updatedAt" | "passwordVersion" | "optionVersion" | "revokedByUserId" | "revokedAt" | "tombstonedAt">;

/**
 * Links and embeds name no principal, so the new row and its audit payload are known before
 * the write: the insert and its audit row go in one statement. Only when a POC's expired link
 * still holds the one-live-link place does it take a transaction, to tombstone that link (with
 * its audit row) first; otherwise the sweep does that, off this path. Its times are the app
 * server's clock, as the payload is hashed before the write.
 */
async function insertAnonymousGrant(actor: Actor, values: NewGrant): Promise<repo.GrantRow> {
  const now = new Date();
  const grant: SharingGrant = { ...values, id: randomUUID(), createdAt: now, updatedAt: now, passwordVersion: 0, optionVersion: 0, revokedByUserId: null, revokedAt: null, tombstonedAt: null };
  const row: repo.GrantRow = { grant, creatorName: actor.name, principalName: null, principalEmail: null };
  const created = () => chainedEvent(actor, { tenantId: grant.tenantId, action: "grant.created", subjectType: "sharing_grant", subjectId: grant.id, pocId: grant.subjectId, payload: grantPayload(row) });
  if (await repo.insertGrantAudited(grant, created())) return row;
  const inserted = await transaction(async (tx) => {
    await tombstoneExpired(tx, grant.subjectId, grant.tenantId);
    return repo.insertGrantAudited(grant, created(), tx);
  });
  // Still taken: a live link that has not expired.
  if (!inserted) throw await linkExists(grant.subjectId);
  return row;
}

/** Users, teams and roles: the row is read back for the principal's name, and a person gets an email. */
function insertNamedGrant(actor: Actor, values: NewGrant, principal: Principal, poc: { id: string; tenantId: string; title: string }, message: string | undefined): Promise<repo.GrantRow> {
  return transaction(async (tx) => {
    const grant = await repo.insertGrant(tx, values);
    const row = (await repo.findGrant(grant.id, tx))!;
    await recordAudit(tx, actor, { tenantId: poc.tenantId, action: "grant.created", subjectType: "sharing_grant", subjectId: grant.id, pocId: poc.id, payload: grantPayload(row) });
    if (principal.type === "user" && principal.userId && principal.email) {
      await queueShareNotice(tx, { tenantId: poc.tenantId, to: principal.email, sharerName: actor.name, pocId: poc.id, pocTitle: poc.title, message });
    } else if (principal.type === "user" && principal.email) {
      await queueInvite(tx, { tenantId: poc.tenantId, email: principal.email, grantId: grant.id, inviter: actor, pocTitle: poc.title, message });
    }
    return row;
  });
}

/**
 * A grant the caller may change or revoke: link/embed grants by tenant admins only; others
 * by admins and the owner, or by the sharer who created them while they still hold `share`.
 */
async function requireManagedGrant(actor: Actor, grantId: string): Promise<{ row: repo.GrantRow; grantVersion: string; loaded: PocAccess }> {
  const found = await loadGrantWithPocAccess(actor, grantId);
  if (!found) throw notFound("Grant");
  const { grant: row, grantVersion, poc } = found;
  try {
    if (isAnonymous(row.grant.principalType)) return { row, grantVersion, loaded: linkAdminCheck(actor, poc) };
    const loaded = requireAccess(poc);
    const ownGrant = row.grant.createdByUserId === actor.userId && can(loaded.access, "share");
    if (!loaded.access.manage && !ownGrant) throw forbidden("Only tenant admins, the owner or the person who shared it can change this grant");
    return { row, grantVersion, loaded };
  } catch (error) {
    if (error instanceof AppError && error.code === "resource/not-found") throw notFound("Grant");
    throw error;
  }
}

export async function getGrant(actor: Actor, grantId: string): Promise<GrantJson> {
  const { row, loaded } = await requireManagedGrant(actor, grantId);
  return present(row, loaded.row.poc.title);
}

/** Admins see every grant; owners and sharers the signed-in audiences (links reveal tokens). */
export async function listGrants(actor: Actor, subject: { subject_type: "poc"; subject_id: string }): Promise<GrantJson[]> {
  const loaded = await requirePocAccess(actor, subject.subject_id);
  const isAdmin = anonymousGrantManagement(accessFactsOf(actor, loaded.row)) === "allowed";
  if (!isAdmin && !loaded.access.manage && !can(loaded.access, "share")) throw forbidden("You need the share permission to see who this POC is shared with");
  const rows = (await repo.listSubjectGrants(subject.subject_id)).filter((r) => isAdmin || !isAnonymous(r.grant.principalType));
  const activity = await activityOf(rows.map((r) => r.grant.id));
  const visible = await Promise.all(rows.map(async (r) => ({ ...(await present(r, loaded.row.poc.title)), activity: activity(r.grant.id) })));
  // An outsider holding `share` never learns the tenant's people: emails only of whom they invited.
  const outsider = loaded.row.viewerRole === null;
  if (!outsider) return visible;
  return visible.map((g) => (g.created_by?.id === actor.userId ? g : { ...g, principal: { ...g.principal, email: null } }));
}

export async function updateGrant(actor: Actor, grantId: string, input: UpdateGrantInput): Promise<GrantJson> {
  const { row: before, loaded } = await requireManagedGrant(actor, grantId);
  const anonymous = isAnonymous(before.grant.principalType);
  if (before.grant.principalType !== "link" && input.password !== undefined) throw invalidField("password", "Only public links have passwords");
  if (before.grant.principalType !== "embed" && input.embed_origins !== undefined) throw invalidField("embed_origins", "Only embeds have origins");
  const isLink = before.grant.principalType === "link";
  if (!isLink && hasViewerOptions(input)) throw invalidField("require_verified_email", "Only public links verify viewers (people, teams and embeds are already known)");
  const actionProblem = anonymous && input.actions ? anonymousActionProblem(input.actions) : null;
  if (actionProblem) throw invalidField("actions", actionProblem);
  // Expired is final (SECURITY 27): whether or not the sweep has tombstoned it yet, a grant
  // past its expiry is never brought back; a new grant is the way.
  if (grantState(before.grant, new Date()) === "expired") {
    throw new AppError("grant/expired", "This grant has expired and cannot be changed: create a new grant instead");
  }
  const expiresAt = checkExpiry(input.expires_at);
  let decision: ReshareDecision | null = null;
  if (!anonymous) {
    decision = await checkReshare(actor, loaded, {
      principalType: before.grant.principalType as ReshareRequest["principalType"],
      byEmail: true,
      actions: input.actions ?? before.grant.actions,
      expiresAt: expiresAt === undefined ? before.grant.expiresAt : expiresAt,
      watermark: input.watermark ?? before.grant.watermark,
    });
  }
  const watermark = decision && decision.watermark !== (input.watermark ?? before.grant.watermark) ? decision.watermark : input.watermark;
  const passwordChange =
    input.password === undefined
      ? {}
      : { passwordHash: input.password === null ? null : await hashPassword(input.password), passwordVersion: before.grant.passwordVersion + 1 };
  const viewerChange = isLink && hasViewerOptions(input) ? viewerRulesChange(before.grant, nextViewerRules(input, before.grant)) : {};
  const updated = await transaction(async (tx) => {
    const grant = await repo.updateGrant(tx, grantId, {
      actions: input.actions,
      watermark,
      notifyViews: input.notify_views,
      expiresAt,
      embedOrigins: input.embed_origins,
      ...passwordChange,
      ...viewerChange,
      updatedByUserId: actor.userId,
    });
    if (!grant) return null;
    const after = { ...before, grant };
    await recordAudit(tx, actor, {
      tenantId: grant.tenantId,
      action: "grant.updated",
      subjectType: "sharing_grant",
      subjectId: grant.id,
      pocId: grant.subjectId,
      payload: {
        before: grantPayload(before),
        after: grantPayload(after),
        password_changed: input.password !== undefined,
        viewer_passes_ended: grant.optionVersion !== before.grant.optionVersion,
      },
    });
    return after;
  });
  if (!updated) throw notFound("Live grant");
  return withInherited(await present(updated, loaded.row.poc.title), decision);
}

/**
 * Deprovisioning (SCIM DELETE): the person's own grants in this tenant are revoked in the
 * caller's transaction, one audit row each, so a removed member keeps nothing as an outsider.
 */
export async function revokeUserGrantsInTenant(tx: Executor, actor: AuditActor, tenantId: string, userId: string): Promise<string[]> {
  const grants = await repo.revokeLiveUserGrants(tx, tenantId, userId);
  for (const grant of grants) {
    await recordAudit(tx, actor, { tenantId, action: "grant.revoked", subjectType: "sharing_grant", subjectId: grant.id, pocId: grant.subjectId, payload: grantPayload({ grant, creatorName: null }) });
  }
  return grants.map((g) => g.id);
}

/** New rules; when they let fewer people in, a new option version ends every viewer pass issued before. */
function viewerRulesChange(before: ViewerRules & { optionVersion: number }, after: ViewerRules) {
  return { ...after, optionVersion: before.optionVersion + (viewerRulesTightened(before, after) ? 1 : 0) };
}

/**
 * The audit row records the grant as it was revoked, built from the row read first: the revoke
 * applies only if nobody changed the grant since (repo.revokeGrantAudited), otherwise it reads
 * the grant again and retries.
 */
export async function revokeGrant(actor: Actor, grantId: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const { row, grantVersion } = await requireManagedGrant(actor, grantId);
    if (row.grant.revokedAt || row.grant.tombstonedAt) throw notFound("Live grant");
    const revokedAt = new Date();
    const grant = { ...row.grant, revokedAt, revokedByUserId: actor.userId, updatedAt: revokedAt, updatedByUserId: actor.userId };
    const revoked = chainedEvent(actor, { tenantId: grant.tenantId, action: "grant.revoked", subjectType: "sharing_grant", subjectId: grant.id, pocId: grant.subjectId, payload: grantPayload({ ...row, grant }) });
    if (await repo.revokeGrantAudited(grantId, grantVersion, actor.userId, revokedAt, revoked)) return;
  }
  throw new AppError("resource/conflict", "The grant kept changing while it was being revoked: try again");
}

/** Sends a pending invitation again, with a fresh single-use link. */
export async function resendInvite(actor: Actor, grantId: string): Promise<void> {
  const { row, loaded } = await requireManagedGrant(actor, grantId);
  if (row.grant.principalType !== "user" || !row.grant.principalEmail || row.grant.revokedAt) throw invalidField("grant_id", "Only pending invitations can be resent");
  await transaction((tx) => queueInvite(tx, { tenantId: row.grant.tenantId, email: row.grant.principalEmail!, grantId, inviter: actor, pocTitle: loaded.row.poc.title }));
  kickEmailDelivery();
}

/** "Shared with me": POCs shared with the caller, one entry per POC, newest share first. */
export async function sharedWithMe(actor: Actor): Promise<SharedWithMeJson["data"]> {
  const byPoc = new Map<string, SharedWithMeJson["data"][number]>();
  // An API token never reaches beyond its tenant, here too (SECURITY 27).
  const onlyTenantId = actor.via.kind === "api_token" ? actor.tenantId : null;
  for (const r of await repo.listSharedWithUser(actor.userId, onlyTenantId)) {
    const entry = byPoc.get(r.pocId);
    if (!entry) {
      byPoc.set(r.pocId, {
        poc: { id: r.pocId, title: r.title, customer: r.customer, status: r.status },
        shared_by: r.sharedBy ? { name: r.sharedBy } : null,
        actions: r.actions,
        shared_at: r.createdAt.toISOString(),
        expires_at: r.expiresAt?.toISOString() ?? null,
      });
    } else {
      entry.actions = [...new Set([...entry.actions, ...r.actions])];
      // Access lasts as long as the longest-lived of the matching grants (null: no expiry).
      const expiresAt = r.expiresAt?.toISOString() ?? null;
      if (entry.expires_at !== null && (expiresAt === null || expiresAt > entry.expires_at)) entry.expires_at = expiresAt;
    }
  }
  return [...byPoc.values()];
}

// ---- the public-link face of the same service ----

/** The authorization part of createPublicLink (an idempotent replay runs it again). */
export const authorizeCreatePublicLink = (actor: Actor, pocId: string): Promise<PocAccess> => requireLinkAdmin(actor, pocId);

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

/**
 * Settings → Shared links: the tenant's public links, live by default; expired and revoked
 * ones stay listed (with when and by whom they ended) and their activity.
 */
export async function listTenantLinks(actor: Actor, state: repo.LinkState | "all" = "live") {
  if (actor.role !== "tenant_admin" || !actor.tenantId) throw forbidden("Only tenant admins see the tenant's links");
  const rows = await repo.listTenantLinks(actor.tenantId, state);
  const activity = await activityOf(rows.map((r) => r.grant.id));
  return rows.map((r) => {
    const json = grantJson(r);
    const ended = r.grant.revokedAt !== null || json.state === "expired" ? endedOf(r.grant, r.revokedByName) : null;
    return { ...json, poc_title: r.pocTitle, activity: activity(r.grant.id), ended };
  });
}

/** Why a link ended, and when (and who revoked it). */
function endedOf(grant: repo.GrantRow["grant"], revokedByName: string | null) {
  if (grant.revokedAt) return { reason: "revoked" as const, at: grant.revokedAt.toISOString(), by: revokedByName ?? "Former user" };
  return { reason: "expired" as const, at: (grant.expiresAt ?? grant.tombstonedAt ?? grant.updatedAt).toISOString(), by: null };
}

/** The Share dialog's link history (tenant admins): the POC's links that were revoked or expired. */
export async function listEndedLinks(actor: Actor, pocId: string): Promise<EndedLinkList["data"]> {
  await requireLinkAdmin(actor, pocId);
  return (await repo.listEndedLinks(pocId)).map((r) => ({ id: r.grant.id, created_at: r.grant.createdAt.toISOString(), created_by: grantPayload(r).created_by, ended: endedOf(r.grant, r.revokedByName) }));
}

/**
 * Until when the caller may share this POC: null when unlimited (admins, the owner, a share
 * right without expiry), else the latest expiry of their share grants. A re-share defaults to it.
 */
export async function shareRightExpiry(actor: Actor, pocId: string): Promise<string | null> {
  const loaded = await requirePocAccess(actor, pocId, "share");
  if (loaded.access.manage) return null;
  const until = await repo.findShareRightExpiry(pocId, loaded.row.poc.tenantId, actor.userId);
  return until instanceof Date ? until.toISOString() : null;
}

/** Settings → Embeds: every live embed of the admin's tenant, with its current snippet. */
export async function listTenantEmbeds(actor: Actor) {
  if (actor.role !== "tenant_admin" || !actor.tenantId) throw forbidden("Only tenant admins see the tenant's embeds");
  const rows = await repo.listTenantLinks(actor.tenantId, "live", "embed");
  return Promise.all(rows.map(async (r) => ({ ...(await present(r, r.pocTitle)), poc_title: r.pocTitle })));
}

/**
 * Tombstones every grant past its expiry, with one `grant.expired` audit row each (the app
 * refuses expired grants on every request anyway; this keeps the state and the trail true).
 * Safe on several instances at once: each row is tombstoned by exactly one UPDATE.
 */
export async function sweepExpiredGrants(): Promise<number> {
  return transaction(async (tx) => {
    const expired = await repo.tombstoneAllExpired(tx);
    for (const grant of expired) await auditExpired(tx, grant, grant.tenantId);
    return expired.length;
  });
}
