import { openApiDocument } from "@/lib/api/openapi";
import { config } from "@/lib/config";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(openApiDocument(config().appUrl), { headers: { "cache-control": "public, max-age=300" } });
}
