import { withPublic } from "@/lib/api/handler";
import { scrapeMetrics } from "@/lib/metrics/service";

export const dynamic = "force-dynamic";

export const GET = withPublic({}, async ({ req }) => {
  const { contentType, body } = await scrapeMetrics(req.headers.get("authorization"));
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
