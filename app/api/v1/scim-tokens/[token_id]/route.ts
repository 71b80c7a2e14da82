import { noContent, withActor } from "@/lib/api/handler";
import { ScimTokenParams } from "@/lib/scim-tokens/schemas";
import * as scimTokens from "@/lib/scim-tokens/service";

export const DELETE = withActor({ params: ScimTokenParams }, async ({ actor, params }) => {
  await scimTokens.revokeScimToken(actor, params.token_id);
  return noContent();
});
