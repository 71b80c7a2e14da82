import { json, withActor } from "@/lib/api/handler";
import { PocParams, TaskGroupInput } from "@/lib/pocs/schemas";
import * as pocs from "@/lib/pocs/service";

export const GET = withActor({ params: PocParams }, async ({ actor, params }) =>
  json({ data: (await pocs.getPoc(actor, params.poc_id)).task_groups }),
);

export const POST = withActor({ params: PocParams, body: TaskGroupInput }, async ({ actor, params, body }) =>
  json(await pocs.addTaskGroup(actor, params.poc_id, body), { status: 201 }),
);
