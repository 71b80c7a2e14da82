import { withShare } from "@/lib/api/handler";
import * as publicShare from "@/lib/sharing/public-service";

export const GET = withShare({ passFrom: "bearer" }, async ({ share }) => Response.json((await publicShare.openShare(share)).view));
