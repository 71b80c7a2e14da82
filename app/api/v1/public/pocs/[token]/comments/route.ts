import { noContent, withShare } from "@/lib/api/handler";
import { GuestCommentInput } from "@/lib/sharing/schemas";
import * as publicShare from "@/lib/sharing/public-service";

export const POST = withShare({ passFrom: "bearer", body: GuestCommentInput }, async ({ share, body }) => {
  await publicShare.postGuestComment(share, body);
  return noContent();
});
