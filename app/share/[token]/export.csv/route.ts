import { withShare } from "@/lib/api/handler";
import { csvDownload } from "@/lib/sharing/csv-response";

export const GET = withShare({ passFrom: "cookie" }, async ({ share }) => csvDownload(share));
