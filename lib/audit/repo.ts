import { and, asc, desc, eq, gt, gte, like, lt, or, sql, type SQL, type WithSubquery } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { apiTokens, auditChainHeads, auditEvents, pocs, scimTokens, users } from "@/db/schema";
import type { Executor } from "@/lib/db/repo";
import { GENESIS_HASH, type ChainRecord } from "./chain";

export type AuditInsert = typeof auditEvents.$inferInsert;

/** An event ready to append: its chain, its row, and the canonical JSON around the parts only the database knows. */
export type ChainedEvent = { chainKey: string; row: Omit<AuditInsert, "chainSeq" | "prevHash" | "hash">; around: [string, string, string] };

/**
 * The two statements that append an event: bump the head row (creating it for a tenant's
 * first event), hashing the row there from the head's previous hash and the record's canonical
 * JSON (`around`: the text around the IP and seq, which only the database knows here;
 * chain.ts canonicalJsonAround), then store the event. `onlyIf` makes both conditional
 * (appendedAfter). The head stays locked until the transaction ends, so a tenant's writers
 * append one after another and never fork; one statement under the lock instead of two round
 * trips keeps that queue short.
 */
function chainAppend({ chainKey, row: event, around }: ChainedEvent, head: SQL, onlyIf?: SQL): { bumpHead: SQL; insertEvent: SQL } {
  // inet prints the IP the way the walker reads it back (host(ip)); JSON-quoted like JSON.stringify.
  const ipJson = sql`coalesce(to_json(host(${event.ip ?? null}::inet))::text, 'null')`;
  const hashAfter = (prev: SQL, seq: SQL) => sql`encode(sha256(convert_to(${prev} || ${around[0]}::text || ${ipJson} || ${around[1]}::text || (${seq})::text || ${around[2]}::text, 'UTF8')), 'hex')`;
  const bumpHead = sql`insert into ${auditChainHeads} (chain_key, seq, prev_hash, hash)
      select ${chainKey}, 1, ${GENESIS_HASH}, ${hashAfter(sql`${GENESIS_HASH}::text`, sql`1`)} ${onlyIf ? sql`where exists (${onlyIf})` : sql``}
      on conflict (chain_key) do update set
        seq = ${auditChainHeads}.seq + 1,
        prev_hash = ${auditChainHeads}.hash,
        hash = ${hashAfter(sql`${auditChainHeads}.hash`, sql`${auditChainHeads}.seq + 1`)}
      returning seq, prev_hash, hash`;
  const insertEvent = sql`insert into ${auditEvents} (tenant_id, actor_type, actor_user_id, actor_token_id, ip, action, subject_type, subject_id, payload, created_at, poc_id, chain_seq, prev_hash, hash)
    select ${event.tenantId ?? null}::uuid, ${event.actorType}::actor_type, ${event.actorUserId ?? null}::uuid, ${event.actorTokenId ?? null}::uuid, ${event.ip ?? null}::inet,
      ${event.action}, ${event.subjectType}, ${event.subjectId ?? null}::uuid, ${JSON.stringify(event.payload)}::jsonb, ${event.createdAt!.toISOString()}::timestamptz,
      ${event.pocId ?? null}::uuid, ${head}.seq, ${head}.prev_hash, ${head}.hash
    from ${head}`;
  return { bumpHead, insertEvent };
}

/** Appends an event to its chain in one statement. */
export async function appendChainedEvent(tx: Executor, chained: ChainedEvent): Promise<void> {
  const { bumpHead, insertEvent } = chainAppend(chained, sql`head`);
  await tx.execute(sql`with head as (${bumpHead}) ${insertEvent}`);
}

/**
 * CTEs that append the event in the statement of a write (`written`, an INSERT or UPDATE …
 * RETURNING as a CTE), and only if the write returned a row: use them as
 * `db.with(written, ...appendedAfter(db, written, event)).select().from(written)`.
 */
export function appendedAfter(db: Executor, written: WithSubquery, chained: ChainedEvent): WithSubquery[] {
  const { bumpHead, insertEvent } = chainAppend(chained, sql`${sql.identifier("audit_head")}`, sql`select 1 from ${written}`);
  return [db.$with("audit_head", {}).as(bumpHead), db.$with("audit_event", {}).as(insertEvent)];
}

export type AuditFilter = {
  tenantId: string;
  pocId?: string;
  actorType?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** Keyset: only rows older (smaller id) than this one. */
  beforeId?: number;
};

function filterCondition(f: AuditFilter): SQL | undefined {
  const action = f.action?.endsWith(".*") ? like(auditEvents.action, `${f.action.slice(0, -1).replace(/[%_\\]/g, "\\$&")}%`) : f.action ? eq(auditEvents.action, f.action) : undefined;
  return and(
    eq(auditEvents.tenantId, f.tenantId),
    f.pocId ? eq(auditEvents.pocId, f.pocId) : undefined,
    f.actorType ? sql`${auditEvents.actorType}::text = ${f.actorType}` : undefined,
    f.actorId ? or(eq(auditEvents.actorUserId, f.actorId), eq(auditEvents.actorTokenId, f.actorId)) : undefined,
    action,
    f.from ? gte(auditEvents.createdAt, f.from) : undefined,
    f.to ? lt(auditEvents.createdAt, f.to) : undefined,
    f.beforeId !== undefined ? lt(auditEvents.id, f.beforeId) : undefined,
  );
}

const actorUser = alias(users, "actor_user");

const eventColumns = {
  id: auditEvents.id,
  tenantId: auditEvents.tenantId,
  createdAt: auditEvents.createdAt,
  actorType: sql<string>`${auditEvents.actorType}::text`,
  actorUserId: auditEvents.actorUserId,
  actorTokenId: auditEvents.actorTokenId,
  actorName: actorUser.name,
  actorEmail: actorUser.email,
  tokenName: sql<string | null>`coalesce(${apiTokens.name}, ${scimTokens.name})`,
  ip: sql<string | null>`host(${auditEvents.ip})`,
  action: auditEvents.action,
  subjectType: auditEvents.subjectType,
  subjectId: auditEvents.subjectId,
  pocId: auditEvents.pocId,
  pocTitle: pocs.title,
  payload: auditEvents.payload,
  chainSeq: auditEvents.chainSeq,
  prevHash: auditEvents.prevHash,
  hash: auditEvents.hash,
};

export type AuditEventRow = {
  id: number;
  tenantId: string | null;
  createdAt: Date;
  actorType: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  tokenName: string | null;
  ip: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  pocId: string | null;
  pocTitle: string | null;
  payload: unknown;
  chainSeq: number | null;
  prevHash: string | null;
  hash: string | null;
};

/** A page of the tenant's events, newest first (id order: new rows only ever come before the cursor). */
export async function listEvents(filter: AuditFilter, limit: number): Promise<AuditEventRow[]> {
  const rows = await getDb()
    .select(eventColumns)
    .from(auditEvents)
    .leftJoin(actorUser, eq(actorUser.id, auditEvents.actorUserId))
    .leftJoin(apiTokens, and(eq(apiTokens.id, auditEvents.actorTokenId), sql`${auditEvents.actorType} = 'api_token'`))
    .leftJoin(scimTokens, and(eq(scimTokens.id, auditEvents.actorTokenId), sql`${auditEvents.actorType} = 'scim_token'`))
    .leftJoin(pocs, eq(pocs.id, auditEvents.pocId))
    .where(filterCondition(filter))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, chainSeq: r.chainSeq === null ? null : Number(r.chainSeq) }));
}

/** People who appear as actors in the tenant's log (the actor filter's choices). */
export function listActors(tenantId: string) {
  return getDb()
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(auditEvents)
    .innerJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(eq(auditEvents.tenantId, tenantId))
    .orderBy(asc(users.name));
}

export function listActions(tenantId: string) {
  return getDb().selectDistinct({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.tenantId, tenantId)).orderBy(asc(auditEvents.action));
}

export type ChainRow = { id: number; hash: string | null; prevHash: string | null; record: ChainRecord };

const chainKeyOf = sql`coalesce(${auditEvents.tenantId}::text, 'global')`;

/** A page of one chain in order, with each row's record exactly as the hash covers it. */
export async function chainPage(chainKey: string, afterSeq: number, limit: number): Promise<ChainRow[]> {
  const rows = await getDb()
    .select({
      id: auditEvents.id,
      hash: auditEvents.hash,
      prevHash: auditEvents.prevHash,
      seq: auditEvents.chainSeq,
      tenantId: auditEvents.tenantId,
      createdAt: auditEvents.createdAt,
      actorType: sql<string>`${auditEvents.actorType}::text`,
      actorUserId: auditEvents.actorUserId,
      actorTokenId: auditEvents.actorTokenId,
      ip: sql<string | null>`host(${auditEvents.ip})`,
      action: auditEvents.action,
      subjectType: auditEvents.subjectType,
      subjectId: auditEvents.subjectId,
      pocId: auditEvents.pocId,
      payload: auditEvents.payload,
    })
    .from(auditEvents)
    // The chain's unique index (chain key, seq) answers this in order.
    .where(and(sql`${chainKeyOf} = ${chainKey}`, gt(auditEvents.chainSeq, afterSeq)))
    .orderBy(chainKeyOf, asc(auditEvents.chainSeq))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, hash: r.hash, prevHash: r.prevHash, record: chainRecordOf({ ...r, chainSeq: Number(r.seq) }) }));
}

export function chainRecordOf(r: Pick<AuditEventRow, "tenantId" | "createdAt" | "actorType" | "actorUserId" | "actorTokenId" | "ip" | "action" | "subjectType" | "subjectId" | "pocId" | "payload"> & { chainSeq: number }): ChainRecord {
  return {
    seq: r.chainSeq,
    tenant_id: r.tenantId,
    created_at: r.createdAt.toISOString(),
    actor_type: r.actorType,
    actor_user_id: r.actorUserId,
    actor_token_id: r.actorTokenId,
    ip: r.ip,
    action: r.action,
    subject_type: r.subjectType,
    subject_id: r.subjectId,
    poc_id: r.pocId,
    payload: r.payload,
  };
}

export async function chainHead(chainKey: string): Promise<{ seq: number; hash: string } | null> {
  const [row] = await getDb().select().from(auditChainHeads).where(eq(auditChainHeads.chainKey, chainKey));
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

/** Rows written before the chain existed (no hash): reported, not verifiable. */
export async function countUnchained(tenantId: string): Promise<number> {
  const [row] = await getDb().select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(and(eq(auditEvents.tenantId, tenantId), sql`${auditEvents.chainSeq} is null`));
  return row?.n ?? 0;
}
