/**
 * Anonymous access through a share token: the view, the password gate (rate-limited before
 * any hashing), the watermark email gate, guest comments and the grant check of downloads. Nothing here
 * ever answers more than the grant allows (rules 4, 6, 7).
 */
import { AppError, forbidden } from "@/lib/api/errors";
import { verifyPassword } from "@/lib/auth/password";
import { countPasswordRefusal, countShareView } from "@/lib/metrics/registry";
import { consume, refund, type Limit } from "@/lib/ratelimit/service";
import { hmac, sha256 } from "@/lib/security/crypto";
import { checkViewerCode, sendViewerCode } from "@/lib/viewer-codes/service";
import { logShareView } from "./access-log";
import { shareGate, viewerVerdict } from "./policy";
import * as repo from "./repo";
import type { GuestCommentInput, PublicPocView } from "./schemas";
import { openPass, PASS_TTL_SECONDS, sealPass, unsealPass, type ViewerPass } from "./viewer-pass";
import { storedUserAgent } from "@/lib/activity/user-agent";

/** Who is asking: the token, the viewer pass they hold (cookie or bearer), and where from. */
export type ShareRequest = { token: string; pass: string | null; ip: string | null; userAgent: string | null };

export type OpenedShare = {
  grantId: string;
  /** The viewer's email for the access log: proven on verified links, typed on watermarked ones. */
  viewerEmail: string | null;
  /** The link verifies emails: viewerEmail was proven with a one-time code (guest comments use it). */
  viewerVerified: boolean;
  /** The PublicPocView document as JSON text, ready to send (see repo.findShareByTokenHash). */
  viewJson: string;
  /** The page's branding: the tenant's name, who created the link and when. */
  organisation: string | null;
  sharedBy: { name: string; at: string } | null;
};

type ShareRow = NonNullable<Awaited<ReturnType<typeof repo.findShareByTokenHash>>>;
type LiveShare = ShareRow & { viewJson: string };

/** Every token, well-formed or not, goes through the same hash and lookup: all unknowns look alike. */
async function findLiveShare(token: string, viewerEmail: string | null = null): Promise<LiveShare> {
  const row = await repo.findShareByTokenHash(sha256(token.slice(0, 512)), viewerEmail);
  if (!row || row.viewJson === null) throw new AppError("share/not-found", "This link does not exist");
  if (row.grant.revokedAt) throw new AppError("share/revoked", "This link is no longer available");
  if (row.grant.tombstonedAt || row.expired) throw new AppError("share/expired", "This link has expired");
  return { ...row, viewJson: row.viewJson };
}

const gateOf = (row: ShareRow, pass: ViewerPass | null) =>
  shareGate(
    {
      hasPassword: row.grant.passwordHash !== null,
      passwordVersion: row.grant.passwordVersion,
      watermark: row.grant.watermark,
      requireVerification: row.grant.requireVerifiedEmail,
      optionVersion: row.grant.optionVersion,
    },
    pass,
  );

const passwordRequired = () => new AppError("share/password-required", "This link is protected by a password");
const verificationRequired = () => new AppError("share/verification-required", "Verify your email address with a one-time code to view this link");

/**
 * The share behind a token, after every gate; throws share/* errors otherwise. The pass is
 * unsealed before the lookup so its email can go into the view document; the document is
 * used only once the pass is shown to belong to this grant (a watermarked link without a
 * matching pass stops at the email gate, an unwatermarked one never shows an email).
 */
async function passGates(req: ShareRequest): Promise<LiveShare & { pass: ViewerPass | null }> {
  const unsealed = unsealPass(req.pass);
  const row = await findLiveShare(req.token, unsealed?.email ?? null);
  const pass = unsealed?.grantId === row.grant.id ? unsealed : null;
  const gate = gateOf(row, pass);
  if (gate === "password") throw passwordRequired();
  if (gate === "verify") throw verificationRequired();
  if (gate === "email") throw new AppError("share/email-required", "Enter your email address to view this link");
  return { ...row, pass };
}

export async function openShare(req: ShareRequest): Promise<OpenedShare> {
  const row = await passGates(req);
  const viewerEmail = row.grant.watermark || row.grant.requireVerifiedEmail ? (row.pass?.email ?? null) : null;
  return {
    grantId: row.grant.id,
    viewerEmail,
    viewerVerified: row.grant.requireVerifiedEmail,
    viewJson: row.viewJson,
    organisation: row.organisation,
    sharedBy: row.sharedByName ? { name: row.sharedByName, at: new Date(row.sharedAt).toISOString() } : null,
  };
}

/**
 * A view of the link, by the page or by the public JSON API: the share after every gate, with
 * its access-log entry (batched, so the log never delays the response).
 */
export async function viewShare(req: ShareRequest): Promise<OpenedShare> {
  const opened = await openShare(req);
  recordShareView(opened.grantId, req, opened.viewerEmail);
  return opened;
}

/** The view as an object, for callers that render it (the HTML page, the CSV export). */
export const parseView = (share: { viewJson: string }): PublicPocView => JSON.parse(share.viewJson) as PublicPocView;

const viewEntry = (grantId: string, req: ShareRequest, email: string | null) => ({
  grantId,
  viewerEmail: email,
  ip: req.ip,
  userAgent: storedUserAgent(req.userAgent),
});

/** The access log of a page view: batched (see access-log.ts), so it never delays the page. */
function recordShareView(grantId: string, req: ShareRequest, email: string | null): void {
  logShareView(viewEntry(grantId, req, email));
  countShareView();
}

const UNLOCK_WINDOW_SECONDS = 5 * 60;
const unlockLimits = (grantId: string, ip: string | null): Limit[] => [
  { key: `share-unlock:ip:${grantId}:${ip ?? "unknown"}`, max: 5, windowSeconds: UNLOCK_WINDOW_SECONDS },
  // A ceiling per link, so attempts spread over many addresses cannot brute-force it either.
  { key: `share-unlock:link:${grantId}`, max: 50, windowSeconds: UNLOCK_WINDOW_SECONDS },
];

function issue(pass: ViewerPass): { sealed: string; expiresAt: Date; grantId: string } {
  return { sealed: sealPass(pass), expiresAt: new Date(pass.expiresAt), grantId: pass.grantId };
}

/** Checks a link password. The attempt is counted before Argon2 runs; success gives it back. */
export async function unlockShare(req: ShareRequest, password: string) {
  const row = await findLiveShare(req.token);
  const current = openPass(req.pass, row.grant.id);
  const base = {
    grantId: row.grant.id,
    email: current?.email ?? null,
    verifiedOptionVersion: current?.verifiedOptionVersion ?? null,
    expiresAt: Date.now() + PASS_TTL_SECONDS * 1000,
  };
  if (!row.grant.passwordHash) return issue({ ...base, passwordVersion: row.grant.passwordVersion });
  const limits = unlockLimits(row.grant.id, req.ip);
  await consume(limits, "Too many wrong passwords. Try again later.");
  if (!(await verifyPassword(row.grant.passwordHash, password))) {
    countPasswordRefusal();
    throw new AppError("share/password-invalid", "That password is not correct");
  }
  await refund(limits);
  return issue({ ...base, passwordVersion: row.grant.passwordVersion });
}

/**
 * The watermark gate: records who is viewing, then lets them in. Needs the password first. On
 * links that verify emails a typed address proves nothing, so it is refused there.
 */
export async function identifyViewer(req: ShareRequest, email: string) {
  const row = await findLiveShare(req.token);
  const current = openPass(req.pass, row.grant.id);
  if (gateOf(row, current) === "password") throw passwordRequired();
  if (row.grant.requireVerifiedEmail) throw verificationRequired();
  // Written before the viewer gets in: the watermark gate's record of who asked.
  await repo.insertShareViews([{ ...viewEntry(row.grant.id, req, email), kind: "gate" }]);
  return issue({ grantId: row.grant.id, passwordVersion: current?.passwordVersion ?? null, email, expiresAt: Date.now() + PASS_TTL_SECONDS * 1000 });
}

/**
 * Who a guest comment is from: on links that verify emails, the verified address (its local
 * part as the name other viewers see), whatever the form says; elsewhere the name and email given.
 */
function guestIdentity(verifiedEmail: string | null, input: GuestCommentInput): { name: string; email: string } {
  if (verifiedEmail) return { name: verifiedEmail.slice(0, verifiedEmail.lastIndexOf("@")), email: verifiedEmail };
  const missing = [!input.name ? { field: "name", message: "Enter your name" } : null, !input.email ? { field: "email", message: "Enter your email address" } : null];
  const fields = missing.filter((f) => f !== null);
  if (fields.length > 0) throw new AppError("request/invalid", "The request has invalid fields", { fields });
  return { name: input.name!, email: input.email! };
}

type AnonymousGrant = { id: string; subjectId: string; actions: readonly string[] };

const COMMENT_WINDOW_SECONDS = 10 * 60;
/** Guest comments: per client IP on the link, and a ceiling per link for many addresses. */
export const GUEST_COMMENTS_PER_IP = 10;
export const GUEST_COMMENTS_PER_LINK = 100;
const commentLimits = (grantId: string, ip: string | null): Limit[] => [
  { key: `share-comment:ip:${grantId}:${ip ?? "unknown"}`, max: GUEST_COMMENTS_PER_IP, windowSeconds: COMMENT_WINDOW_SECONDS },
  { key: `share-comment:link:${grantId}`, max: GUEST_COMMENTS_PER_LINK, windowSeconds: COMMENT_WINDOW_SECONDS },
];

/**
 * A guest's comment through a live anonymous grant (a link here, or an embed); `verifiedEmail`
 * on verified links. Rate-limited per IP and per grant (429), and an unverified guest cannot
 * pose as a member of the POC's tenant: a member's email or name is refused (the page marks
 * guests already; this keeps "Alice Admin" from appearing as a guest at all).
 */
export async function addGuestComment(grant: AnonymousGrant, input: GuestCommentInput, ip: string | null, verifiedEmail: string | null = null): Promise<void> {
  if (!grant.actions.includes("comment")) throw forbidden("This link does not allow comments");
  const guest = guestIdentity(verifiedEmail, input);
  await consume(commentLimits(grant.id, ip), "Too many comments from here. Wait a few minutes, then try again.");
  const posingAs = verifiedEmail ? null : await repo.findTenantMemberMatch(grant.subjectId, guest.email.toLowerCase(), guest.name);
  if (posingAs) {
    const field = posingAs === "email" ? "email" : "name";
    throw new AppError("request/invalid", "The request has invalid fields", {
      fields: [{ field, message: `Use your own ${field}: this one belongs to a member of the organisation that shared this POC` }],
    });
  }
  if (input.parent_id && !(await repo.commentExists(grant.subjectId, input.parent_id))) {
    throw new AppError("request/invalid", "The request has invalid fields", { fields: [{ field: "parent_id", message: "No such comment" }] });
  }
  await repo.insertGuestComment({
    pocId: grant.subjectId,
    parentId: input.parent_id ?? null,
    guestName: guest.name,
    guestEmail: guest.email.toLowerCase(),
    viaGrantId: grant.id,
    body: input.body,
  });
}

export async function postGuestComment(req: ShareRequest, input: GuestCommentInput): Promise<void> {
  const { pass, ...row } = await passGates(req);
  await addGuestComment(row.grant, input, req.ip, row.grant.requireVerifiedEmail ? (pass?.email ?? null) : null);
}

/**
 * The live grant behind a token for an export (lib/exports): every gate passed, `download`
 * held. Checked on each request, so a revoked or expired link stops the next download.
 */
export async function openShareForExport(req: ShareRequest) {
  const row = await passGates(req);
  if (!row.grant.actions.includes("download")) throw forbidden("This link does not allow downloads");
  const view = parseView(row);
  return { grantId: row.grant.id, pocId: row.grant.subjectId, watermark: row.grant.watermark, viewerEmail: view.viewer_email, view };
}

// ---- verified viewers: one-time email codes (issue 18) ----

const CODE_WINDOW_SECONDS = 15 * 60;
/** Asking for codes: per client IP and per email across links (no mail bombing), and per link. */
const codeRequestLimits = (grantId: string, ip: string | null, email: string): Limit[] => [
  // Generous enough for an office behind one NAT address.
  { key: `share-code:ip:${ip ?? "unknown"}`, max: 30, windowSeconds: CODE_WINDOW_SECONDS },
  // Keyed by an HMAC of the address, so rate-limit rows do not hold emails either.
  { key: `share-code:email:${hmac("share-code-rate", email)}`, max: 3, windowSeconds: CODE_WINDOW_SECONDS },
  { key: `share-code:link:${grantId}`, max: 100, windowSeconds: CODE_WINDOW_SECONDS },
];
/** Entering codes: besides each code's own 5 tries, per client IP and per link. */
const codeTryLimits = (grantId: string, ip: string | null): Limit[] => [
  { key: `share-code-try:ip:${grantId}:${ip ?? "unknown"}`, max: 20, windowSeconds: CODE_WINDOW_SECONDS },
  { key: `share-code-try:link:${grantId}`, max: 200, windowSeconds: CODE_WINDOW_SECONDS },
];

const notAllowed = () => new AppError("share/viewer-not-allowed", "This email address cannot view this link. Ask the person who shared it for access.");

/** A verified link past its password gate, with its current viewer lists. */
async function verifiedLink(req: ShareRequest) {
  const row = await findLiveShare(req.token);
  const current = openPass(req.pass, row.grant.id);
  if (gateOf(row, current) === "password") throw passwordRequired();
  if (!row.grant.requireVerifiedEmail) {
    throw new AppError("request/invalid", "The request has invalid fields", { fields: [{ field: "email", message: "This link does not ask for a code" }] });
  }
  return { row, current };
}

/**
 * Sends a one-time code to `email` if the link's lists let it in (deny first, then allow).
 * The limits are counted first, so the lists cannot be probed faster than codes can be asked
 * for; a refused address gets no email at all.
 */
export async function requestViewerCode(req: ShareRequest, email: string): Promise<{ email: string; expiresAt: Date }> {
  const { row } = await verifiedLink(req);
  await consume(codeRequestLimits(row.grant.id, req.ip, email), "Too many codes were asked for. Try again later.");
  const rules = await repo.findViewerRules(row.grant.id);
  if (!rules || viewerVerdict(rules, email) !== "allowed") throw notAllowed();
  const { expiresAt } = await sendViewerCode({ id: row.grant.id, tenantId: rules.tenantId }, email);
  return { email, expiresAt };
}

/** Checks a one-time code; the pass it gives carries the option version the email was proven at. */
export async function verifyViewerCode(req: ShareRequest, email: string, code: string) {
  const { row, current } = await verifiedLink(req);
  await consume(codeTryLimits(row.grant.id, req.ip), "Too many codes were tried. Try again later.");
  const rules = await repo.findViewerRules(row.grant.id);
  // The lists may have been tightened since the code was sent.
  if (!rules || viewerVerdict(rules, email) !== "allowed") throw notAllowed();
  const check = await checkViewerCode(row.grant.id, email, code);
  if (!check.ok && check.reason === "wrong") {
    throw new AppError("share/code-invalid", `That code is not correct. ${check.triesLeft} ${check.triesLeft === 1 ? "try" : "tries"} left.`, { extra: { tries_left: check.triesLeft } });
  }
  if (!check.ok && check.reason === "locked") throw new AppError("share/code-expired", "Too many wrong codes: this code no longer works. Ask for a new code.", { extra: { reason: "locked" } });
  if (!check.ok) throw new AppError("share/code-expired", "This code has expired or was replaced by a newer one. Ask for a new code.", { extra: { reason: "expired" } });
  // Written before the viewer gets in: the gate's record of who proved their address.
  await repo.insertShareViews([{ ...viewEntry(row.grant.id, req, email), kind: "gate" }]);
  return issue({
    grantId: row.grant.id,
    passwordVersion: current?.passwordVersion ?? null,
    email,
    verifiedOptionVersion: rules.optionVersion,
    expiresAt: Date.now() + PASS_TTL_SECONDS * 1000,
  });
}
