import { json, withActor } from "@/lib/api/handler";
import { listAccessRequests } from "@/lib/access-requests/service";
import { PocParams } from "@/lib/pocs/schemas";

export const GET = withActor({ params: PocParams }, async ({ actor, params }) => json({ data: await listAccessRequests(actor, params.poc_id) }));
