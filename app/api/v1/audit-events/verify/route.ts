import { json, withActor } from "@/lib/api/handler";
import { verifyAuditChain } from "@/lib/audit/service";

export const GET = withActor({}, async ({ actor }) => json(await verifyAuditChain(actor)));
