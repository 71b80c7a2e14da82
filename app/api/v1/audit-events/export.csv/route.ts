import { withActor } from "@/lib/api/handler";
import { AuditQuery } from "@/lib/audit/schemas";
import { exportAuditCsv } from "@/lib/audit/service";

/** The filtered audit log as CSV (no cursor: every matching row), with its chain fields. */
export const GET = withActor({ query: AuditQuery.omit({ cursor: true, limit: true }) }, async ({ actor, query }) => {
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(exportAuditCsv(actor, query), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-log-${stamp}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
