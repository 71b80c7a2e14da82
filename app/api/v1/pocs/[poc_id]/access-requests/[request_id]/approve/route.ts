import { json, withActor } from "@/lib/api/handler";
import { approveAccessRequest } from "@/lib/access-requests/service";
import { AccessRequestParams, ApproveAccessRequestInput } from "@/lib/access-requests/schemas";

export const POST = withActor({ params: AccessRequestParams, body: ApproveAccessRequestInput }, async ({ actor, params, body }) =>
  json(await approveAccessRequest(actor, params.poc_id, params.request_id, body)),
);
