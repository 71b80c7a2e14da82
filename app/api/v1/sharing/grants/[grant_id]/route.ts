import { json, noContent, withActor } from "@/lib/api/handler";
import { GrantParams } from "@/lib/sharing/schemas";
import * as sharing from "@/lib/sharing/service";

export const GET = withActor({ params: GrantParams }, async ({ actor, params }) => json(await sharing.getGrant(actor, params.grant_id)));

export const DELETE = withActor({ params: GrantParams }, async ({ actor, params }) => {
  await sharing.revokeGrant(actor, params.grant_id);
  return noContent();
});
