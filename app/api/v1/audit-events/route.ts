import { json, withActor } from "@/lib/api/handler";
import { AuditQuery } from "@/lib/audit/schemas";
import { listAuditEvents } from "@/lib/audit/service";

export const GET = withActor({ query: AuditQuery }, async ({ actor, query }) => json(await listAuditEvents(actor, query)));
