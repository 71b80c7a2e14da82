import { z } from "zod";
import { json, noContent, withActor } from "@/lib/api/handler";
import { Id, UpdateTaskGroupInput } from "@/lib/pocs/schemas";
import * as pocs from "@/lib/pocs/service";

const Params = z.object({ poc_id: Id, group_id: Id });

export const PATCH = withActor({ params: Params, body: UpdateTaskGroupInput }, async ({ actor, params, body }) =>
  json(await pocs.updateTaskGroup(actor, params.poc_id, params.group_id, body)),
);

export const DELETE = withActor({ params: Params }, async ({ actor, params }) => {
  await pocs.deleteTaskGroup(actor, params.poc_id, params.group_id);
  return noContent();
});
