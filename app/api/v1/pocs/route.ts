import { json, withActor } from "@/lib/api/handler";
import { CreatePocInput } from "@/lib/pocs/schemas";
import * as pocs from "@/lib/pocs/service";

export const GET = withActor({}, async ({ actor }) => json({ data: await pocs.listPocs(actor) }));

export const POST = withActor({ body: CreatePocInput }, async ({ actor, body }) => json(await pocs.createPoc(actor, body), { status: 201 }));
