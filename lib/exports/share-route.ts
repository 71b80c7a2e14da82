/** The export route of a share token, for API clients (bearer pass) and share pages (cookie). */
import { z } from "zod";
import { withShare } from "@/lib/api/handler";
import { formatFromFileName } from "./formats";
import { exportResponse } from "./http";
import { ExportFileName, ExportQuery } from "./schemas";
import { exportPoc } from "./service";

const Params = z.object({ token: z.string(), export_file: ExportFileName });

export const shareExportRoute = (passFrom: "bearer" | "cookie") =>
  withShare({ passFrom, params: Params, query: ExportQuery }, async ({ params, query, share }) =>
    exportResponse(await exportPoc({ kind: "link", share }, formatFromFileName(params.export_file)!, { paper: query.paper, userAgent: share.userAgent })),
  );
