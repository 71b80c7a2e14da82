import { json, withActor } from "@/lib/api/handler";
import { PocParams } from "@/lib/pocs/schemas";
import * as sharing from "@/lib/sharing/service";

export const GET = withActor({ params: PocParams }, async ({ actor, params }) => json({ data: await sharing.listEndedLinks(actor, params.poc_id) }));
