import { z } from "zod";
import { withPublic } from "@/lib/api/handler";
import { problemResponse } from "@/lib/api/errors";
import { SHARE_HEADERS } from "@/lib/sharing/http";
import * as sharing from "@/lib/sharing/service";

const Params = z.object({ token: z.string() });

export const GET = withPublic({ params: Params }, async ({ params }) => {
  try {
    const { view } = await sharing.openShare(params.token);
    return Response.json(view, { headers: SHARE_HEADERS });
  } catch (error) {
    const res = problemResponse(error);
    for (const [k, v] of Object.entries(SHARE_HEADERS)) res.headers.set(k, v);
    return res;
  }
});
