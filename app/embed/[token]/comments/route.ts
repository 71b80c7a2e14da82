import { embedErrorPage, isEmbedErrorCode } from "@/components/embed/embed-error";
import { AppError, problemResponse } from "@/lib/api/errors";
import { withEmbed } from "@/lib/api/handler";
import { postEmbedComment } from "@/lib/embed/service";
import { GuestCommentInput } from "@/lib/sharing/schemas";

export const dynamic = "force-dynamic";

const back = (token: string, outcome: "posted" | "invalid") =>
  new Response(null, { status: 303, headers: { location: `/embed/${encodeURIComponent(token)}?comment=${outcome}#comments` } });

/**
 * The embed's comment form (a plain form post from the iframe: no cookies, no script). The
 * token is the credential, so there is no ambient authority for a cross-site post to abuse.
 * Post/redirect/get; a refused token or grant gets the embed's error page.
 */
export const POST = withEmbed(
  {},
  async ({ req, embed }) => {
    const form = await req.formData();
    const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string" && v !== ""));
    const parsed = GuestCommentInput.safeParse(fields);
    if (!parsed.success) return back(embed.token, "invalid");
    await postEmbedComment(embed, parsed.data);
    return back(embed.token, "posted");
  },
  async (error) => {
    if (error instanceof AppError && isEmbedErrorCode(error.code)) {
      const page = embedErrorPage(error.code);
      return new Response(page.html, { status: page.status, headers: { "content-type": "text/html; charset=utf-8" } });
    }
    return problemResponse(error);
  },
);
