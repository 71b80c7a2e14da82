import { json, noContent, withActor } from "@/lib/api/handler";
import { PocParams } from "@/lib/pocs/schemas";
import { PublicLinkInput } from "@/lib/sharing/schemas";
import * as sharing from "@/lib/sharing/service";

export const POST = withActor({ params: PocParams, body: PublicLinkInput, idempotent: { authorize: ({ actor, params }) => sharing.authorizeCreatePublicLink(actor, params.poc_id) } }, async ({ actor, params, body }) =>
  json(await sharing.createPublicLink(actor, params.poc_id, body), { status: 201 }),
);

export const GET = withActor({ params: PocParams }, async ({ actor, params }) => json(await sharing.getPublicLink(actor, params.poc_id)));

export const DELETE = withActor({ params: PocParams }, async ({ actor, params }) => {
  await sharing.deletePublicLink(actor, params.poc_id);
  return noContent();
});
