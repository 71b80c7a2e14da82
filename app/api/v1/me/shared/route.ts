import { json, withActor } from "@/lib/api/handler";
import * as sharing from "@/lib/sharing/service";

export const GET = withActor({}, async ({ actor }) => json({ data: await sharing.sharedWithMe(actor) }));
