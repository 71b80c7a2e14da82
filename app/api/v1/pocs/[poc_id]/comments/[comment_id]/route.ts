import { json, noContent, withActor } from "@/lib/api/handler";
import { CommentParams, UpdateCommentInput } from "@/lib/pocs/schemas";
import * as pocs from "@/lib/pocs/service";

export const PATCH = withActor({ params: CommentParams, body: UpdateCommentInput }, async ({ actor, params, body }) =>
  json(await pocs.updateComment(actor, params.poc_id, params.comment_id, body)),
);

export const DELETE = withActor({ params: CommentParams }, async ({ actor, params }) => {
  await pocs.deleteComment(actor, params.poc_id, params.comment_id);
  return noContent();
});
