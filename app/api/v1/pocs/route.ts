import { json, withActor } from "@/lib/api/handler";
import { CreatePocInput, PocListQuery } from "@/lib/pocs/schemas";
import * as pocs from "@/lib/pocs/service";

export const GET = withActor({ query: PocListQuery }, async ({ actor, query }) => {
  const { data, next } = await pocs.listPocs(actor, query);
  return json({ data, next });
});

export const POST = withActor({ body: CreatePocInput }, async ({ actor, body }) => json(await pocs.createPoc(actor, body), { status: 201 }));
