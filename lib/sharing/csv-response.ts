import type { ShareRequest } from "./public-service";
import { exportShareCsv } from "./public-service";

export async function csvDownload(share: ShareRequest): Promise<Response> {
  const { filename, csv } = await exportShareCsv(share);
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` } });
}
