import { json, noContent, withActor } from "@/lib/api/handler";
import { GrantParams, UpdateGrantInput } from "@/lib/sharing/schemas";
import * as sharing from "@/lib/sharing/service";

export const GET = withActor({ params: GrantParams }, async ({ actor, params }) => json(await sharing.getGrant(actor, params.grant_id)));

export const PATCH = withActor({ params: GrantParams, body: UpdateGrantInput }, async ({ actor, params, body }) =>
  json(await sharing.updateGrant(actor, params.grant_id, body)),
);

export const DELETE = withActor({ params: GrantParams }, async ({ actor, params }) => {
  await sharing.revokeGrant(actor, params.grant_id);
  return noContent();
});
