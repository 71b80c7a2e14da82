import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Executor } from "@/lib/db/repo";

export type AuditInsert = typeof auditEvents.$inferInsert;

export async function insertAuditEvent(tx: Executor, event: AuditInsert): Promise<void> {
  await tx.insert(auditEvents).values(event);
}

export function listAuditEvents(tenantId: string, subjectId?: string) {
  return getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenantId), subjectId ? eq(auditEvents.subjectId, subjectId) : undefined))
    .orderBy(desc(auditEvents.id))
    .limit(200);
}
