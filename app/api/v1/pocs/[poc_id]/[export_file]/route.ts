import { z } from "zod";
import { withActor } from "@/lib/api/handler";
import { formatFromFileName } from "@/lib/exports/formats";
import { exportResponse } from "@/lib/exports/http";
import { ExportFileName, ExportQuery } from "@/lib/exports/schemas";
import { exportPoc } from "@/lib/exports/service";

/** GET /api/v1/pocs/{id}/export.{pdf,png,xlsx,csv}: any other file name here is a 404. */
export const GET = withActor({ params: z.object({ poc_id: z.uuid(), export_file: ExportFileName }), query: ExportQuery }, async ({ req, params, query, actor }) =>
  exportResponse(await exportPoc({ kind: "user", actor, pocId: params.poc_id }, formatFromFileName(params.export_file)!, { paper: query.paper, userAgent: req.headers.get("user-agent") })),
);
