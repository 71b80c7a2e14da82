import { shareExportRoute } from "@/lib/exports/share-route";

/** The share page's download links: /share/{token}/export.{pdf,png,xlsx,csv} (pass cookie). */
export const GET = shareExportRoute("cookie");
