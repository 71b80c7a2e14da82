import { z } from "zod";
import { withEmbed } from "@/lib/api/handler";
import { formatFromFileName } from "@/lib/exports/formats";
import { exportResponse } from "@/lib/exports/http";
import { ExportFileName, ExportQuery } from "@/lib/exports/schemas";
import { exportPoc } from "@/lib/exports/service";

export const dynamic = "force-dynamic";

/** The embed's downloads: /embed/{token}/export.{pdf,png,xlsx,csv} (the signed token is the credential). */
export const GET = withEmbed({ params: z.object({ token: z.string(), export_file: ExportFileName }), query: ExportQuery }, async ({ params, query, embed }) =>
  exportResponse(await exportPoc({ kind: "embed", embed }, formatFromFileName(params.export_file)!, { paper: query.paper, userAgent: embed.userAgent })),
);
