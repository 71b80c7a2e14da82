import { readiness } from "@/lib/system/service";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const state = await readiness();
  return Response.json(
    {
      status: state.ready ? "ready" : "unavailable",
      pending_migrations: state.pendingMigrations,
      outbox_oldest_pending_seconds: state.outboxOldestPendingSeconds === null ? null : Math.round(state.outboxOldestPendingSeconds),
    },
    { status: state.ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
