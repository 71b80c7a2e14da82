import { json, withActor } from "@/lib/api/handler";
import { ExportIdParams } from "@/lib/exports/schemas";
import { findExport } from "@/lib/exports/service";

/** GET /api/v1/exports/{export_id}: who exported the file carrying this forensic id, and when. */
export const GET = withActor({ params: ExportIdParams }, async ({ params, actor }) => json(await findExport(actor, params.export_id)));
