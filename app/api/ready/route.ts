import { databaseIsReady } from "@/lib/system/service";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const ready = await databaseIsReady();
  return Response.json({ status: ready ? "ready" : "unavailable" }, { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
