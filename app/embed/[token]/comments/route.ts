import { readBoundedForm } from "@/lib/api/body";
import { withEmbed } from "@/lib/api/handler";
import { problemResponse } from "@/lib/api/errors";
import { isEmbedError, postEmbedComment } from "@/lib/embed/service";
import { GuestCommentInput } from "@/lib/sharing/schemas";

export const dynamic = "force-dynamic";

const embedPath = (token: string) => `/embed/${encodeURIComponent(token)}`;
const back = (token: string, query = "") => new Response(null, { status: 303, headers: { location: `${embedPath(token)}${query}` } });

/**
 * The embed's comment form: a plain form post from the sandboxed iframe (no cookies, no
 * script, so no server action). The token is the credential; there is no ambient authority
 * for a cross-site post to borrow. Post/redirect/get: a refused token or grant lands on the
 * embed page, which shows why with its status.
 */
export const POST = withEmbed(
  {},
  async ({ req, embed }) => {
    const fields = Object.fromEntries([...(await readBoundedForm(req)).entries()].filter(([, v]) => v !== ""));
    const parsed = GuestCommentInput.safeParse(fields);
    if (!parsed.success) return back(embed.token, "?comment=invalid#comments");
    await postEmbedComment(embed, parsed.data);
    return back(embed.token, "?comment=posted#comments");
  },
  async (error, embed) => (isEmbedError(error) ? back(embed.token) : problemResponse(error)),
);
