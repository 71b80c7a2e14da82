import { json, withActor } from "@/lib/api/handler";
import { ViewerTokenInput } from "@/lib/embed/schemas";
import { createViewerToken } from "@/lib/embed/service";
import { GrantParams } from "@/lib/sharing/schemas";

/** A short-lived token for one viewer of an embed (the integrator's backend calls this). */
export const POST = withActor({ params: GrantParams, body: ViewerTokenInput }, async ({ actor, params, body }) =>
  json(await createViewerToken(actor, params.grant_id, body), { status: 201 }),
);
