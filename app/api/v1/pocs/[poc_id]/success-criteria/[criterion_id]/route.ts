import { z } from "zod";
import { json, noContent, withActor } from "@/lib/api/handler";
import { Id, UpdateCriterionInput } from "@/lib/pocs/schemas";
import * as pocs from "@/lib/pocs/service";

const Params = z.object({ poc_id: Id, criterion_id: Id });

export const PATCH = withActor({ params: Params, body: UpdateCriterionInput }, async ({ actor, params, body }) =>
  json(await pocs.updateCriterion(actor, params.poc_id, params.criterion_id, body)),
);

export const DELETE = withActor({ params: Params }, async ({ actor, params }) => {
  await pocs.deleteCriterion(actor, params.poc_id, params.criterion_id);
  return noContent();
});
