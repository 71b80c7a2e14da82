/**
 * Link and grant activity: who viewed what, from the access log (share_views). Whoever may
 * manage a grant may read its activity (the sharing service decides); retention of the log
 * runs with the expiry sweep.
 */
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/api/errors";
import { config } from "@/lib/config";
import { getGrant } from "@/lib/sharing/service";
import * as repo from "./repo";
import type { GrantViewsPage, ViewJson, ViewsQuery } from "./schemas";
import { activityOf } from "./summary";
import { browserOf } from "./user-agent";

const CURSOR_PREFIX = "sv1.";
const encodeCursor = (id: number) => CURSOR_PREFIX + Buffer.from(String(id)).toString("base64url");
function decodeCursor(cursor: string): number {
  const id = cursor.startsWith(CURSOR_PREFIX) ? Number(Buffer.from(cursor.slice(CURSOR_PREFIX.length), "base64url").toString()) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("request/invalid", "The request has invalid fields", { fields: [{ field: "cursor", message: "Not a cursor from this API" }] });
  return id;
}

type ViewRow = Awaited<ReturnType<typeof repo.listViews>>[number];

function viewJson(r: ViewRow, principalType: string): ViewJson {
  const kind = r.viewerUserId ? "user" : principalType === "embed" ? "embed" : r.viewerEmail ? "email" : "anonymous";
  return {
    id: String(r.id),
    at: r.viewedAt.toISOString(),
    kind: r.kind,
    viewer: { kind, email: r.viewerEmail ?? r.viewerAccountEmail, user_id: r.viewerUserId, name: r.viewerName ?? r.viewerExternalId },
    ip: r.ip,
    browser: browserOf(r.userAgent),
    user_agent: r.userAgent,
    format: r.format,
    export_id: r.exportId,
  };
}

/** A grant's activity: the totals and a page of its access log, newest first. */
export async function grantViews(actor: Actor, grantId: string, query: ViewsQuery): Promise<GrantViewsPage> {
  const grant = await getGrant(actor, grantId);
  const limit = query.limit ?? 20;
  const beforeId = query.cursor ? decodeCursor(query.cursor) : undefined;
  const [rows, summary] = await Promise.all([repo.listViews(grantId, beforeId, limit + 1), activityOf([grantId])]);
  const page = rows.slice(0, limit);
  return {
    summary: summary(grantId),
    data: page.map((r) => viewJson(r, grant.principal_type)),
    next: rows.length > limit ? encodeCursor(page[page.length - 1]!.id) : null,
  };
}

/** Deletes access-log rows past ACCESS_LOG_RETENTION_DAYS. Audit rows are never deleted. */
export function sweepAccessLog(now = new Date()): Promise<number> {
  return repo.deleteViewsBefore(new Date(now.getTime() - config().accessLogRetentionDays * 86_400_000));
}
