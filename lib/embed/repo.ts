import { and, desc, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { embedSigningKeys, pocPublicDocs, pocs, sharingGrants, type EmbedSigningKey } from "@/db/schema";
import type { Executor } from "@/lib/db/repo";
import { publicViewJson } from "@/lib/sharing/repo";

// ---- signing keys ----

export async function findCurrentKey(tenantId: string, tx: Executor = getDb()): Promise<EmbedSigningKey | null> {
  const [row] = await tx.select().from(embedSigningKeys).where(and(eq(embedSigningKeys.tenantId, tenantId), isNull(embedSigningKeys.rotatedAt)));
  return row ?? null;
}

/** The current key, locked until the transaction ends (rotations of one tenant queue up). */
export async function lockCurrentKey(tx: Executor, tenantId: string): Promise<EmbedSigningKey | null> {
  const [row] = await tx.select().from(embedSigningKeys).where(and(eq(embedSigningKeys.tenantId, tenantId), isNull(embedSigningKeys.rotatedAt))).for("update");
  return row ?? null;
}

/** Inserts a tenant's first key; null when another request created one first. */
export async function insertFirstKey(values: typeof embedSigningKeys.$inferInsert): Promise<EmbedSigningKey | null> {
  const [row] = await getDb().insert(embedSigningKeys).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function insertKey(tx: Executor, values: typeof embedSigningKeys.$inferInsert): Promise<EmbedSigningKey> {
  const [row] = await tx.insert(embedSigningKeys).values(values).returning();
  return row!;
}

export async function markRotated(tx: Executor, keyId: string, retiresAt: Date): Promise<void> {
  await tx.update(embedSigningKeys).set({ rotatedAt: sql`now()`, retiresAt }).where(eq(embedSigningKeys.id, keyId));
}

/** Ends the grace period of the tenant's rotated keys that are still in it; returns their kids. */
export async function retireGraceKeys(tx: Executor, tenantId: string): Promise<string[]> {
  const rows = await tx
    .update(embedSigningKeys)
    .set({ retiresAt: sql`now()` })
    .where(and(eq(embedSigningKeys.tenantId, tenantId), isNotNull(embedSigningKeys.rotatedAt), gt(embedSigningKeys.retiresAt, sql`now()`)))
    .returning({ kid: embedSigningKeys.kid });
  return rows.map((r) => r.kid);
}

/** The public half of a key by kid (for verification; the private column is not read). */
export async function findVerificationKey(kid: string) {
  const [row] = await getDb()
    .select({ kid: embedSigningKeys.kid, tenantId: embedSigningKeys.tenantId, alg: embedSigningKeys.alg, publicJwk: embedSigningKeys.publicJwk })
    .from(embedSigningKeys)
    .where(eq(embedSigningKeys.kid, kid));
  return row ?? null;
}

export function listTenantKeys(tenantId: string) {
  return getDb().select().from(embedSigningKeys).where(eq(embedSigningKeys.tenantId, tenantId)).orderBy(desc(embedSigningKeys.createdAt)).limit(20);
}

// ---- the live embed lookup ----

const grantState = {
  id: sharingGrants.id,
  tenantId: sharingGrants.tenantId,
  subjectId: sharingGrants.subjectId,
  actions: sharingGrants.actions,
  watermark: sharingGrants.watermark,
  embedOrigins: sharingGrants.embedOrigins,
  revokedAt: sharingGrants.revokedAt,
  tombstonedAt: sharingGrants.tombstonedAt,
};

/**
 * The embed grant behind a verified token, with the state of the key that signed it, read on
 * every request so a revoke, an expiry or the end of a key's grace period holds at once. With
 * `withView`, Postgres also builds the view document (as the share lookup does) in the same
 * round trip. Prepared once per database handle.
 */
function embedSelect(db: Db, withView: boolean) {
  const view = withView
    ? sql<string | null>`case when ${pocs.id} is not null then ${publicViewJson(sql`${sql.placeholder("viewer")}::text`)} end`
    : sql<string | null>`null`;
  return db
    .select({
      grant: grantState,
      expired: sql<boolean>`(${sharingGrants.expiresAt} is not null and ${sharingGrants.expiresAt} <= now())`,
      keyRetiresAt: embedSigningKeys.retiresAt,
      keyTenantId: embedSigningKeys.tenantId,
      pocExists: sql<boolean>`${pocs.id} is not null`,
      viewJson: view,
    })
    .from(sharingGrants)
    .leftJoin(pocs, eq(pocs.id, sharingGrants.subjectId))
    .leftJoin(pocPublicDocs, withView ? eq(pocPublicDocs.pocId, pocs.id) : sql`false`)
    .leftJoin(embedSigningKeys, eq(embedSigningKeys.kid, sql.placeholder("kid")))
    .where(and(eq(sharingGrants.id, sql.placeholder("grantId")), eq(sharingGrants.principalType, "embed")));
}

const prepared = new WeakMap<Db, { view: ReturnType<typeof prepare>; state: ReturnType<typeof prepare> }>();
const prepare = (db: Db, withView: boolean) => embedSelect(db, withView).prepare(withView ? "embed_view" : "embed_state");

export async function findEmbedGrant(grantId: string, kid: string, options: { withView: boolean; viewer: string | null }) {
  const db = getDb();
  let queries = prepared.get(db);
  if (!queries) prepared.set(db, (queries = { view: prepare(db, true), state: prepare(db, false) }));
  const query = options.withView ? queries.view : queries.state;
  const [row] = await query.execute({ grantId, kid, viewer: options.viewer });
  return row ?? null;
}
