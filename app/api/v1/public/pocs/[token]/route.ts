import { jsonText, withShare } from "@/lib/api/handler";
import * as publicShare from "@/lib/sharing/public-service";

/** Sends the view document as Postgres built it (no parse and re-serialise per request); logged like a page view. */
export const GET = withShare({ passFrom: "bearer" }, async ({ share }) => jsonText((await publicShare.viewShare(share)).viewJson));
