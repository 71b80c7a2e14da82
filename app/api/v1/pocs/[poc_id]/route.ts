import { json, noContent, withActor } from "@/lib/api/handler";
import { PocParams, UpdatePocInput } from "@/lib/pocs/schemas";
import * as pocs from "@/lib/pocs/service";

export const GET = withActor({ params: PocParams }, async ({ actor, params, req }) =>
  json(await pocs.viewPoc(actor, params.poc_id, { userAgent: req.headers.get("user-agent") })),
);

export const PATCH = withActor({ params: PocParams, body: UpdatePocInput }, async ({ actor, params, body }) =>
  json(await pocs.updatePoc(actor, params.poc_id, body)),
);

export const DELETE = withActor({ params: PocParams }, async ({ actor, params }) => {
  await pocs.deletePoc(actor, params.poc_id);
  return noContent();
});
