/**
 * The access rules of DESIGN.md as pure functions: no database, no Next.js, no React.
 * Services gather the facts in one query and ask these functions what they allow.
 */
import type { GrantAction, TenantRole } from "@/db/schema";

export const ALL_ACTIONS: readonly GrantAction[] = ["view", "download", "comment", "edit", "share"];
/** Rule 4: anonymous principals (links, embeds) never get edit or share. */
export const ANONYMOUS_ACTIONS: readonly GrantAction[] = ["view", "download", "comment"];

/** Why these actions cannot go on a link or embed grant, or null when they can. */
export function anonymousActionProblem(actions: readonly string[]): string | null {
  const extra = actions.filter((a) => !(ANONYMOUS_ACTIONS as readonly string[]).includes(a));
  if (extra.length === 0) return null;
  return `Public links and embeds can carry only ${ANONYMOUS_ACTIONS.join(", ")}; ${extra.join(" and ")} ${extra.length > 1 ? "need" : "needs"} a signed-in principal`;
}

export type AccessFacts = {
  /** The POC's tenant and owner. */
  subject: { tenantId: string; ownerId: string };
  viewer: {
    userId: string;
    /** The viewer's role in the POC's tenant right now (null when not a member there). */
    roleInSubjectTenant: TenantRole | null;
    /** Set when the caller is an API token: it never reaches beyond its own tenant. */
    tokenTenantId: string | null;
    /** Deactivated in the POC's tenant (by an admin or SCIM `active: false`): no access there. */
    deactivatedInSubjectTenant?: boolean;
  };
  /** The union of actions of the live grants matching the viewer (user, teams, role). */
  grantedActions: readonly GrantAction[];
  /** Whether any of those grants asks for the viewer's email to be tiled over the POC. */
  grantWatermark?: boolean;
};

export type Access = {
  actions: ReadonlySet<GrantAction>;
  /** Admins and the owner: may delete the POC and manage its grants. */
  manage: boolean;
  /** The viewer sees their own email tiled over the POC (grant access only). */
  watermark: boolean;
};

const NO_ACCESS: Access = { actions: new Set(), manage: false, watermark: false };

/** Rule 1: tenant admins and the owner have every action; everyone else exactly their grants. */
export function evaluateAccess(facts: AccessFacts): Access {
  const { subject, viewer } = facts;
  if (viewer.tokenTenantId !== null && viewer.tokenTenantId !== subject.tenantId) return NO_ACCESS;
  if (viewer.deactivatedInSubjectTenant) return NO_ACCESS;
  const isAdmin = viewer.roleInSubjectTenant === "tenant_admin";
  if (isAdmin || subject.ownerId === viewer.userId) return { actions: new Set(ALL_ACTIONS), manage: true, watermark: false };
  // Canonical order (view, download, comment, edit, share), whatever order the grants came in.
  const actions = new Set(ALL_ACTIONS.filter((a) => facts.grantedActions.includes(a)));
  // A grant always includes view; an action without view would be meaningless.
  if (!actions.has("view")) return NO_ACCESS;
  return { actions, manage: false, watermark: facts.grantWatermark === true };
}

export const can = (access: Access, action: GrantAction): boolean => access.actions.has(action);

/**
 * The grants a signed-in member's view of a POC is credited to: every live grant that matched
 * them (user, team or role), since each one let them in. Tenant admins and the owner see the
 * POC by rule 1 whatever grants also match them, so their views belong to no grant's activity.
 */
export function grantsCreditedWithView(access: Access, matchedGrantIds: readonly string[]): readonly string[] {
  return access.manage || !can(access, "view") ? [] : matchedGrantIds;
}

/** Who may start a new POC in their tenant. Executives follow POCs; they do not run them. */
export function canCreatePoc(role: TenantRole | null): boolean {
  return role === "tenant_admin" || role === "member";
}

/**
 * Rule 3: only tenant admins create, change, read or revoke link and embed grants. Callers
 * outside the POC's tenant learn nothing (not-found); members of it are told no (forbidden).
 */
export function anonymousGrantManagement(facts: Pick<AccessFacts, "subject" | "viewer">): "allowed" | "forbidden" | "not-found" {
  const { subject, viewer } = facts;
  if (viewer.tokenTenantId !== null && viewer.tokenTenantId !== subject.tenantId) return "not-found";
  if (viewer.roleInSubjectTenant === null) return "not-found";
  return viewer.roleInSubjectTenant === "tenant_admin" ? "allowed" : "forbidden";
}

export type GrantState = "active" | "expired" | "revoked";

/** Rule 2: revoked wins; then tombstoned or past expires_at is expired. */
export function grantState(grant: { revokedAt: Date | null; tombstonedAt: Date | null; expiresAt: Date | null }, now: Date): GrantState {
  if (grant.revokedAt) return "revoked";
  if (grant.tombstonedAt || (grant.expiresAt && grant.expiresAt.getTime() <= now.getTime())) return "expired";
  return "active";
}

export type ShareGate = "password" | "verify" | "email" | "open";

/**
 * What an anonymous viewer must still do before seeing a link's content: the password (at the
 * grant's current version); on verified links a one-time email code, proven at the grant's
 * current option version; then, on watermarked links, an email (a verified one counts).
 */
export function shareGate(
  grant: { hasPassword: boolean; passwordVersion: number; watermark: boolean; requireVerification?: boolean; optionVersion?: number },
  pass: { passwordVersion: number | null; email: string | null; verifiedOptionVersion?: number | null } | null,
): ShareGate {
  if (grant.hasPassword && pass?.passwordVersion !== grant.passwordVersion) return "password";
  if (grant.requireVerification && (pass?.verifiedOptionVersion ?? null) !== (grant.optionVersion ?? 0)) return "verify";
  if (grant.watermark && !pass?.email) return "email";
  return "open";
}

// ---- verified viewers (links) ----

/** Who may receive a one-time code for a link: exact emails and `@domain` entries, lower case. */
export type ViewerRules = { requireVerifiedEmail: boolean; allowedViewers: readonly string[]; deniedViewers: readonly string[] };

/** The lists imply verification: an allow or deny entry means nothing for an unproven email. */
export const needsVerification = (rules: ViewerRules): boolean =>
  rules.requireVerifiedEmail || rules.allowedViewers.length > 0 || rules.deniedViewers.length > 0;

/** An exact email matches itself; `@example.com` matches addresses at that domain (not its subdomains). */
export function viewerEntryMatches(entry: string, email: string): boolean {
  const address = email.toLowerCase();
  return entry.startsWith("@") ? address.slice(address.lastIndexOf("@")) === entry : address === entry;
}

/** The deny list is checked first; an empty allow list lets every other address in. */
export function viewerVerdict(rules: Pick<ViewerRules, "allowedViewers" | "deniedViewers">, email: string): "allowed" | "denied" | "not-listed" {
  if (rules.deniedViewers.some((entry) => viewerEntryMatches(entry, email))) return "denied";
  if (rules.allowedViewers.length > 0 && !rules.allowedViewers.some((entry) => viewerEntryMatches(entry, email))) return "not-listed";
  return "allowed";
}

/**
 * Whether a change lets fewer people in: verification switched on, a deny entry added, an allow
 * list started or an allow entry removed. Such a change bumps the option version, which ends
 * every viewer pass issued before; loosening leaves current viewers alone.
 */
export function viewerRulesTightened(before: ViewerRules, after: ViewerRules): boolean {
  if (!needsVerification(before)) return needsVerification(after);
  if (!needsVerification(after)) return false;
  if (after.deniedViewers.some((entry) => !before.deniedViewers.includes(entry))) return true;
  if (after.allowedViewers.length === 0) return false;
  if (before.allowedViewers.length === 0) return true;
  return before.allowedViewers.some((entry) => !after.allowedViewers.includes(entry));
}
/** A restriction a re-sharer carries into every grant they create (SECURITY 27). */
export type InheritedRestriction = "watermark";

export type ReshareCaller = {
  access: Access;
  /** When the caller's own `share` right ends ("never", a date, or null: they hold none). */
  shareExpiresAt: Date | null | "never";
  /** Not a member of the POC's tenant (an invited outsider holding `share`). */
  outsider: boolean;
};

/** A date as people read it in a message: "Dec 31, 2026, 5:00 PM UTC" (never an ISO timestamp). */
export function formatProblemDate(date: Date): string {
  return `${problemDateFormat.format(date)} UTC`;
}

const problemDateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export type ReshareRequest = {
  principalType: "user" | "team" | "role";
  /** A user addressed by email (not by a member id of the POC's tenant). */
  byEmail: boolean;
  actions: readonly GrantAction[];
  expiresAt: Date | null;
  watermark: boolean;
};

export type ReshareDecision = {
  /** Why the grant is refused (empty when it is allowed). */
  problems: string[];
  /** The watermark the grant gets: forced on when the sharer's own access is watermarked. */
  watermark: boolean;
  /** Restrictions forced onto the grant because the sharer has them. */
  inherited: InheritedRestriction[];
};

/**
 * Rule 3 for signed-in principals, as one rule: grants never widen. A caller holding `share`
 * may grant a subset of their own actions, expiring no later than their own share right, and
 * every restriction on their own access is inherited (their watermark is forced on). An
 * outsider (no membership in the POC's tenant) shares only with people, by email: never with
 * the tenant's roles or teams, nor to member ids of the tenant. Admins and owners are
 * unlimited.
 */
export function reshareDecision(caller: ReshareCaller, requested: ReshareRequest): ReshareDecision {
  if (caller.access.manage) return { problems: [], watermark: requested.watermark, inherited: [] };
  if (!can(caller.access, "share")) return { problems: ["You need the share permission on this POC to share it"], watermark: requested.watermark, inherited: [] };
  const problems: string[] = [];
  if (caller.outsider && (requested.principalType !== "user" || !requested.byEmail)) {
    problems.push("You are outside this POC's organisation: you can share it only with people, by email");
  }
  const beyond = requested.actions.filter((a) => !caller.access.actions.has(a));
  if (beyond.length > 0) problems.push(`You cannot grant ${beyond.join(", ")}: you do not have ${beyond.length > 1 ? "them" : "it"} yourself`);
  const limit = caller.shareExpiresAt;
  if (limit !== "never" && limit !== null && (requested.expiresAt === null || requested.expiresAt.getTime() > limit.getTime())) {
    problems.push(`The grant must expire no later than your own access (${formatProblemDate(limit)})`);
  }
  const inherited: InheritedRestriction[] = caller.access.watermark && !requested.watermark ? ["watermark"] : [];
  return { problems, watermark: requested.watermark || caller.access.watermark, inherited };
}
