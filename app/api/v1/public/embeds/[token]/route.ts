import { jsonText, withEmbed } from "@/lib/api/handler";
import { openEmbedJson, recordEmbedView } from "@/lib/embed/service";

export const dynamic = "force-dynamic";

/** The embed's view as JSON, for integrators who render it themselves (same checks as the page). */
export const GET = withEmbed({}, async ({ embed: req }) => {
  const { embed, viewJson } = await openEmbedJson(req);
  recordEmbedView(embed, req);
  return jsonText(viewJson);
});
