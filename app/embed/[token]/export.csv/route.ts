import { withEmbed } from "@/lib/api/handler";
import { exportEmbedCsv } from "@/lib/embed/service";

export const dynamic = "force-dynamic";

export const GET = withEmbed({}, async ({ embed }) => {
  const { filename, csv } = await exportEmbedCsv(embed);
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` } });
});
