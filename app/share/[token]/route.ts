import { sharePocBody } from "@/components/share/share-document";
import { isShareErrorCode, sharePageResponse, shareErrorResponse } from "@/components/share/share-response";
import { AppError } from "@/lib/api/errors";
import * as sharing from "@/lib/sharing/service";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await ctx.params;
  try {
    const { view } = await sharing.openShare(token);
    return sharePageResponse(200, view.title, sharePocBody(view));
  } catch (error) {
    if (error instanceof AppError && isShareErrorCode(error.code)) return shareErrorResponse(error.code);
    throw error;
  }
}
