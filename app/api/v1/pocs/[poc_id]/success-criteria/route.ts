import { json, withActor } from "@/lib/api/handler";
import { CreateCriterionInput, PocParams } from "@/lib/pocs/schemas";
import * as pocs from "@/lib/pocs/service";

export const GET = withActor({ params: PocParams }, async ({ actor, params }) =>
  json({ data: (await pocs.getPoc(actor, params.poc_id)).success_criteria }),
);

export const POST = withActor({ params: PocParams, body: CreateCriterionInput }, async ({ actor, params, body }) =>
  json(await pocs.addCriterion(actor, params.poc_id, body), { status: 201 }),
);
