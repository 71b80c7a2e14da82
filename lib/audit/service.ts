/**
 * The audit trail: every audit row of the app is written here. Rows are written inside the
 * caller's transaction, or by the very statement of a single-row change (chainedEvent, then
 * repo.appendedAfter), so a failed change leaves none; they are chained per tenant (chain.ts), and
 * the database refuses UPDATE/DELETE on them (migration 0001) and any row without its chain
 * fields (migration 0005).
 */
import { stringify } from "csv-stringify/sync";
import type { Actor } from "@/lib/auth/actor";
import { forbidden } from "@/lib/api/errors";
import { sendLast, type Executor } from "@/lib/db/repo";
import { canonicalJson, canonicalJsonAround, ChainWalker, type ChainBreak } from "./chain";
import { auditCursor, upperBound, type AuditEventJson, type AuditQuery, type ChainVerification } from "./schemas";
import type { ScimCaller } from "@/lib/scim/caller";
import * as repo from "./repo";

/** Who did it: a signed-in actor, a SCIM token, the system (sweeps), or an anonymous caller (failed sign-ins). */
export type AuditActor = Actor | ScimCaller | { system: true } | { anonymous: true; ip: string | null };

const chainKeyOf = (tenantId: string | null) => tenantId ?? "global";

function actorColumns(actor: AuditActor) {
  if ("system" in actor) return { actorType: "system" as const, actorUserId: null, actorTokenId: null, ip: null };
  if ("anonymous" in actor) return { actorType: "public" as const, actorUserId: null, actorTokenId: null, ip: actor.ip };
  if ("scimTokenId" in actor) return { actorType: "scim_token" as const, actorUserId: null, actorTokenId: actor.scimTokenId, ip: actor.ip };
  return {
    actorType: actor.via.kind === "api_token" ? ("api_token" as const) : ("user" as const),
    actorUserId: actor.userId,
    actorTokenId: actor.via.kind === "api_token" ? actor.via.tokenId : null,
    ip: actor.ip,
  };
}

export type AuditEvent = {
  // tenantId null: an event of no tenant (e.g. a failed sign-in for an unknown email).
  tenantId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  payload: Record<string, unknown>;
  pocId?: string | null;
};

/**
 * The event as the chain stores it, with the canonical JSON its hash covers: recordAudit
 * appends it on its own; a single-row write can append it in its own statement instead, only
 * if it changed a row (repo.appendedAfter), which makes the two atomic without a transaction
 * and saves its BEGIN and COMMIT round trips.
 */
export function chainedEvent(actor: AuditActor, event: AuditEvent): repo.ChainedEvent {
  // Millisecond precision, so the stored timestamp reads back exactly as it was hashed.
  const createdAt = new Date();
  // Through JSON once, so the hash covers what jsonb stores and reads back (no undefined, no Dates).
  const payload = JSON.parse(JSON.stringify(event.payload)) as Record<string, unknown>;
  const row = {
    tenantId: event.tenantId,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    // An event about a POC itself (a comment deleted, an access request) is that POC's too.
    pocId: event.pocId ?? (event.subjectType === "poc" ? event.subjectId : null),
    payload,
    createdAt,
    ...actorColumns(actor),
  };
  // The database hashes it, once it knows the row's place in the chain and the IP as inet prints it.
  const { seq: _seq, ip: _ip, ...record } = repo.chainRecordOf({ ...row, chainSeq: 0 });
  return { chainKey: chainKeyOf(event.tenantId), row, around: canonicalJsonAround(record) };
}

export async function recordAudit(tx: Executor, actor: AuditActor, event: AuditEvent): Promise<void> {
  const chained = chainedEvent(actor, event);
  // Usually a transaction's last statement: it goes with the COMMIT (sendLast).
  await sendLast(tx, () => repo.appendChainedEvent(tx, chained));
}

function requireAuditor(actor: Actor): string {
  if (actor.role !== "tenant_admin" || !actor.tenantId) throw forbidden("Only tenant admins see the audit log");
  return actor.tenantId;
}

export const canSeeAuditLog = (actor: Actor): boolean => actor.role === "tenant_admin" && actor.tenantId !== null;

function filterOf(tenantId: string, q: AuditQuery): repo.AuditFilter {
  return {
    tenantId,
    pocId: q.poc_id,
    actorType: q.actor_type,
    actorId: q.actor_id,
    action: q.action,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? upperBound(q.to) : undefined,
  };
}

const actorLabel = (r: repo.AuditEventRow): string | null => {
  if (r.actorType === "system") return "System";
  if (r.actorType === "scim_token") return `Identity provider (SCIM token ${r.tokenName ?? "since deleted"})`;
  if (r.actorType === "public") return "Anonymous visitor";
  if (r.actorType === "api_token") return `${r.tokenName ?? "API token"} (for ${r.actorName ?? "a former user"})`;
  return r.actorName ?? r.actorEmail;
};

export function eventJson(r: repo.AuditEventRow): AuditEventJson {
  return {
    id: String(r.id),
    created_at: r.createdAt.toISOString(),
    actor: { type: r.actorType, user_id: r.actorUserId, token_id: r.actorTokenId, name: actorLabel(r), email: r.actorEmail },
    action: r.action,
    subject: { type: r.subjectType, id: r.subjectId },
    poc: r.pocId ? { id: r.pocId, title: r.pocTitle } : null,
    ip: r.ip,
    payload: r.payload,
    chain: r.chainSeq === null ? null : { seq: r.chainSeq, prev_hash: r.prevHash!, hash: r.hash! },
  };
}

/** One page of the tenant's events, newest first, with an opaque cursor to the next page. */
export async function listAuditEvents(actor: Actor, query: AuditQuery): Promise<{ data: AuditEventJson[]; next: string | null }> {
  const tenantId = requireAuditor(actor);
  const beforeId = query.cursor ? auditCursor.decodeOrThrow(query.cursor) : undefined;
  const limit = query.limit ?? 50;
  const rows = await repo.listEvents({ ...filterOf(tenantId, query), beforeId: beforeId ?? undefined }, limit + 1);
  const page = rows.slice(0, limit);
  return { data: page.map(eventJson), next: rows.length > limit ? auditCursor.encode(page[page.length - 1]!.id) : null };
}

/** The filter form's choices: who and what appears in the tenant's log. */
export async function auditFilterChoices(actor: Actor) {
  const tenantId = requireAuditor(actor);
  const [actors, actions] = await Promise.all([repo.listActors(tenantId), repo.listActions(tenantId)]);
  return { actors, actions: actions.map((a) => a.action) };
}

const VERIFY_PAGE = 2000;

/** Re-walks the tenant's whole chain and reports the first broken link, if any. */
export async function verifyAuditChain(actor: Actor): Promise<ChainVerification> {
  const tenantId = requireAuditor(actor);
  const started = performance.now();
  const walker = new ChainWalker();
  for (let afterSeq = 0; ; ) {
    const rows = await repo.chainPage(tenantId, afterSeq, VERIFY_PAGE);
    walker.feed(rows);
    if (walker.firstBreak || rows.length < VERIFY_PAGE) break;
    afterSeq = rows[rows.length - 1]!.record.seq;
  }
  const [head, unchained] = await Promise.all([repo.chainHead(tenantId), repo.countUnchained(tenantId)]);
  walker.finish(head);
  return {
    ok: walker.firstBreak === null,
    checked: walker.checked,
    unchained,
    head: head ? { seq: head.seq, hash: head.hash } : null,
    first_broken: breakJson(walker.firstBreak),
    duration_ms: Math.round(performance.now() - started),
  };
}

const breakJson = (b: ChainBreak | null) => (b ? { id: b.id === 0 ? null : String(b.id), seq: b.seq, reason: b.reason, message: b.message } : null);

const CSV_COLUMNS = ["id", "created_at", "actor_type", "actor_id", "actor_name", "action", "subject_type", "subject_id", "poc_id", "poc_title", "ip", "payload", "chain_seq", "prev_hash", "hash", "record"];
const EXPORT_PAGE = 1000;

/**
 * The filtered log as CSV, newest first as on the page. Each row carries
 * its chain fields and `record`, the exact text its hash covers (README: verifying offline).
 * Cells are formula-safe (csv-stringify's escape_formulas). Streams page by page.
 */
export function exportAuditCsv(actor: Actor, query: AuditQuery): ReadableStream<Uint8Array> {
  const tenantId = requireAuditor(actor);
  const encoder = new TextEncoder();
  const filter = filterOf(tenantId, query);
  let beforeId: number | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(stringify([CSV_COLUMNS], { escape_formulas: true })));
      }
      const rows = await repo.listEvents({ ...filter, beforeId }, EXPORT_PAGE);
      if (rows.length > 0) {
        controller.enqueue(encoder.encode(stringify(rows.map(csvRow), { escape_formulas: true })));
        beforeId = rows[rows.length - 1]!.id;
      }
      if (rows.length < EXPORT_PAGE) controller.close();
    },
  });
}

function csvRow(r: repo.AuditEventRow): string[] {
  const e = eventJson(r);
  const record = r.chainSeq === null ? "" : canonicalJson(repo.chainRecordOf({ ...r, chainSeq: r.chainSeq }));
  return [
    e.id,
    e.created_at,
    e.actor.type,
    e.actor.token_id ?? e.actor.user_id ?? "",
    e.actor.name ?? "",
    e.action,
    e.subject.type,
    e.subject.id ?? "",
    e.poc?.id ?? "",
    e.poc?.title ?? "",
    e.ip ?? "",
    JSON.stringify(e.payload),
    e.chain ? String(e.chain.seq) : "",
    e.chain?.prev_hash ?? "",
    e.chain?.hash ?? "",
    record,
  ];
}

/** Requires tenant admin rights for the audit page (the page shows the 403 view otherwise). */
export function assertAuditor(actor: Actor): void {
  requireAuditor(actor);
}
