/** Queries of the export area: the facts an export needs, the access-log row, the id lookup. */
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { pocs, sharingGrants, shareViews, tenants, users } from "@/db/schema";
import { liveGrantMatchingUser } from "@/lib/sharing/repo";

/** Sizes of a POC's parts: checked against the export limits before anything is loaded. */
const partCounts = (pocId: string) => ({
  tasks: sql<number>`(select count(*)::int from tasks where poc_id = ${pocId})`,
  comments: sql<number>`(select count(*)::int from comments where poc_id = ${pocId})`,
  criteria: sql<number>`(select count(*)::int from success_criteria where poc_id = ${pocId})`,
});

export async function countPocParts(pocId: string) {
  const [row] = await getDb().select(partCounts(pocId)).from(sql`(select 1) as one`);
  return row!;
}

/**
 * For a signed-in member's export: the POC tenant's name, the part counts, and the live grant
 * that gives this user `download` (watermarked ones first: that is the one the file obeys);
 * null for tenant admins and owners, who hold no grant.
 */
export async function memberExportFacts(pocId: string, userId: string) {
  const [row] = await getDb()
    .select({
      tenantName: tenants.name,
      grantId: sql<string | null>`(select g.id from sharing_grants g
        where ${liveGrantMatchingUser(userId, pocs.id, pocs.tenantId)} and 'download' = any(g.actions)
        order by g.watermark desc, g.created_at limit 1)`,
      ...partCounts(pocId),
    })
    .from(pocs)
    .innerJoin(tenants, eq(tenants.id, pocs.tenantId))
    .where(eq(pocs.id, pocId));
  return row ?? null;
}

export type NewExportLog = Required<Pick<typeof shareViews.$inferInsert, "format" | "exportId" | "pocId" | "viewedAt">> &
  Pick<typeof shareViews.$inferInsert, "grantId" | "viewerUserId" | "viewerEmail" | "viewerExternalId" | "ip" | "userAgent">;

/** The access-log row of an export (kind `export`), written before the file is sent (not batched). */
export async function insertExportLog(row: NewExportLog): Promise<void> {
  await getDb().insert(shareViews).values({ ...row, kind: "export" });
}

const exporter = alias(users, "exporter");

/** An export by its forensic id, within one tenant (other tenants' ids are not found). */
export async function findExport(tenantId: string, exportId: string) {
  const [row] = await getDb()
    .select({
      exportId: shareViews.exportId,
      format: shareViews.format,
      exportedAt: shareViews.viewedAt,
      viewerEmail: shareViews.viewerEmail,
      viewerExternalId: shareViews.viewerExternalId,
      ip: sql<string | null>`host(${shareViews.ip})`,
      userAgent: shareViews.userAgent,
      pocId: pocs.id,
      pocTitle: pocs.title,
      grantId: shareViews.grantId,
      principalType: sharingGrants.principalType,
      userId: exporter.id,
      userName: exporter.name,
      userEmail: exporter.email,
    })
    .from(shareViews)
    .innerJoin(pocs, eq(pocs.id, shareViews.pocId))
    .leftJoin(sharingGrants, eq(sharingGrants.id, shareViews.grantId))
    .leftJoin(exporter, eq(exporter.id, shareViews.viewerUserId))
    .where(and(eq(shareViews.exportId, exportId), eq(pocs.tenantId, tenantId)));
  return row ?? null;
}
