/**
 * Anonymous access through a share token: the view, the password gate (rate-limited before
 * any hashing), the watermark email gate, guest comments and the CSV download. Nothing here
 * ever answers more than the grant allows (rules 4, 6, 7).
 */
import { AppError, forbidden } from "@/lib/api/errors";
import { verifyPassword } from "@/lib/auth/password";
import { countPasswordRefusal, countShareView } from "@/lib/metrics/registry";
import { consume, refund, type Limit } from "@/lib/ratelimit/service";
import { sha256 } from "@/lib/security/crypto";
import { logShareView } from "./access-log";
import { pocCsv } from "./csv";
import { shareGate } from "./policy";
import * as repo from "./repo";
import type { GuestCommentInput, PublicPocView } from "./schemas";
import { openPass, PASS_TTL_SECONDS, sealPass, unsealPass, type ViewerPass } from "./viewer-pass";

/** Who is asking: the token, the viewer pass they hold (cookie or bearer), and where from. */
export type ShareRequest = { token: string; pass: string | null; ip: string | null; userAgent: string | null };

export type OpenedShare = {
  grantId: string;
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
  shareGate({ hasPassword: row.grant.passwordHash !== null, passwordVersion: row.grant.passwordVersion, watermark: row.grant.watermark }, pass);

/**
 * The share behind a token, after every gate; throws share/* errors otherwise. The pass is
 * unsealed before the lookup so its email can go into the view document; the document is
 * used only once the pass is shown to belong to this grant (a watermarked link without a
 * matching pass stops at the email gate, an unwatermarked one never shows an email).
 */
async function passGates(req: ShareRequest): Promise<LiveShare> {
  const unsealed = unsealPass(req.pass);
  const row = await findLiveShare(req.token, unsealed?.email ?? null);
  const pass = unsealed?.grantId === row.grant.id ? unsealed : null;
  const gate = gateOf(row, pass);
  if (gate === "password") throw new AppError("share/password-required", "This link is protected by a password");
  if (gate === "email") throw new AppError("share/email-required", "Enter your email address to view this link");
  return row;
}

export async function openShare(req: ShareRequest): Promise<OpenedShare> {
  const row = await passGates(req);
  return {
    grantId: row.grant.id,
    viewJson: row.viewJson,
    organisation: row.organisation,
    sharedBy: row.sharedByName ? { name: row.sharedByName, at: new Date(row.sharedAt).toISOString() } : null,
  };
}

/** The view as an object, for callers that render it (the HTML page, the CSV export). */
export const parseView = (share: { viewJson: string }): PublicPocView => JSON.parse(share.viewJson) as PublicPocView;

const viewEntry = (grantId: string, req: ShareRequest, email: string | null) => ({
  grantId,
  viewerEmail: email,
  ip: req.ip,
  userAgent: req.userAgent?.slice(0, 500) ?? null,
});

/** The access log of a page view: batched (see access-log.ts), so it never delays the page. */
export function recordShareView(grantId: string, req: ShareRequest, email: string | null): void {
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
  const base = { grantId: row.grant.id, email: current?.email ?? null, expiresAt: Date.now() + PASS_TTL_SECONDS * 1000 };
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

/** The watermark gate: records who is viewing, then lets them in. Needs the password first. */
export async function identifyViewer(req: ShareRequest, email: string) {
  const row = await findLiveShare(req.token);
  const current = openPass(req.pass, row.grant.id);
  if (gateOf(row, current) === "password") throw new AppError("share/password-required", "This link is protected by a password");
  // Written before the viewer gets in: the watermark gate's record of who asked.
  await repo.insertShareViews([{ ...viewEntry(row.grant.id, req, email), kind: "gate" }]);
  return issue({ grantId: row.grant.id, passwordVersion: current?.passwordVersion ?? null, email, expiresAt: Date.now() + PASS_TTL_SECONDS * 1000 });
}

type AnonymousGrant = { id: string; subjectId: string; actions: readonly string[] };

/** A guest's comment through a live anonymous grant (a link here, or an embed). */
export async function addGuestComment(grant: AnonymousGrant, input: GuestCommentInput): Promise<void> {
  if (!grant.actions.includes("comment")) throw forbidden("This link does not allow comments");
  if (input.parent_id && !(await repo.commentExists(grant.subjectId, input.parent_id))) {
    throw new AppError("request/invalid", "The request has invalid fields", { fields: [{ field: "parent_id", message: "No such comment" }] });
  }
  await repo.insertGuestComment({
    pocId: grant.subjectId,
    parentId: input.parent_id ?? null,
    guestName: input.name,
    guestEmail: input.email.toLowerCase(),
    viaGrantId: grant.id,
    body: input.body,
  });
}

export async function postGuestComment(req: ShareRequest, input: GuestCommentInput): Promise<void> {
  const row = await passGates(req);
  await addGuestComment(row.grant, input);
}

/** The CSV download of an anonymous grant's view (links and embeds). */
export function csvExportOf(grant: AnonymousGrant, view: PublicPocView): { filename: string; csv: string } {
  if (!grant.actions.includes("download")) throw forbidden("This link does not allow downloads");
  const slug = view.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "poc";
  return { filename: `${slug}.csv`, csv: pocCsv(view) };
}

export async function exportShareCsv(req: ShareRequest): Promise<{ filename: string; csv: string }> {
  const row = await passGates(req);
  return csvExportOf(row.grant, parseView(row));
}
