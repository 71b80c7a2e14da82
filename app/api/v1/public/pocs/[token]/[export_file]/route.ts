import { shareExportRoute } from "@/lib/exports/share-route";

/** GET /api/v1/public/pocs/{token}/export.{pdf,png,xlsx,csv} with the viewer pass as bearer. */
export const GET = shareExportRoute("bearer");
