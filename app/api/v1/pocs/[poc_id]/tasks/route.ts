import { json, withActor } from "@/lib/api/handler";
import { CreateTaskInput, PocParams } from "@/lib/pocs/schemas";
import * as pocs from "@/lib/pocs/service";

export const GET = withActor({ params: PocParams }, async ({ actor, params }) =>
  json({ data: (await pocs.getPoc(actor, params.poc_id)).task_groups.flatMap((g) => g.tasks) }),
);

export const POST = withActor({ params: PocParams, body: CreateTaskInput }, async ({ actor, params, body }) =>
  json(await pocs.addTask(actor, params.poc_id, body), { status: 201 }),
);
