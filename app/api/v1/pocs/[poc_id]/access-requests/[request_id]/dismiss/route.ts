import { json, withActor } from "@/lib/api/handler";
import { dismissAccessRequest } from "@/lib/access-requests/service";
import { AccessRequestParams } from "@/lib/access-requests/schemas";

export const POST = withActor({ params: AccessRequestParams }, async ({ actor, params }) => json(await dismissAccessRequest(actor, params.poc_id, params.request_id)));
