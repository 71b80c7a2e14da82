import { json, withActor } from "@/lib/api/handler";
import { CreateCommentInput, PocParams } from "@/lib/pocs/schemas";
import * as pocs from "@/lib/pocs/service";

export const GET = withActor({ params: PocParams }, async ({ actor, params }) =>
  json({ data: (await pocs.getPoc(actor, params.poc_id)).comments }),
);

export const POST = withActor({ params: PocParams, body: CreateCommentInput }, async ({ actor, params, body }) =>
  json(await pocs.addComment(actor, params.poc_id, body), { status: 201 }),
);
