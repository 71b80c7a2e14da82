import { noContent, withActor } from "@/lib/api/handler";
import { GrantParams } from "@/lib/sharing/schemas";
import * as sharing from "@/lib/sharing/service";

export const POST = withActor({ params: GrantParams }, async ({ actor, params }) => {
  await sharing.resendInvite(actor, params.grant_id);
  return noContent();
});
