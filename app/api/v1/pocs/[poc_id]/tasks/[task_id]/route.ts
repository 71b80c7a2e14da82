import { z } from "zod";
import { json, noContent, withActor } from "@/lib/api/handler";
import { Id, UpdateTaskInput } from "@/lib/pocs/schemas";
import * as pocs from "@/lib/pocs/service";

const Params = z.object({ poc_id: Id, task_id: Id });

export const PATCH = withActor({ params: Params, body: UpdateTaskInput }, async ({ actor, params, body }) =>
  json(await pocs.updateTask(actor, params.poc_id, params.task_id, body)),
);

export const DELETE = withActor({ params: Params }, async ({ actor, params }) => {
  await pocs.deleteTask(actor, params.poc_id, params.task_id);
  return noContent();
});
