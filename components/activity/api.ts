/** The activity client: a grant's totals and access log (GET /api/v1/sharing/grants/{id}/views). */
import { apiRequest } from "@/components/sharing/api";
import type { ActivitySummary, GrantViewsPage, ViewJson } from "@/lib/activity/schemas";

export type { ActivitySummary, GrantViewsPage, ViewJson };

export const activityKeys = { views: (grantId: string) => ["activity", "views", grantId] as const };

export const fetchViews = (grantId: string, cursor: string | null, limit = 10) =>
  apiRequest<GrantViewsPage>(`/api/v1/sharing/grants/${encodeURIComponent(grantId)}/views?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);

export type NotifyViews = "off" | "first" | "every";

export const saveNotifyViews = (grantId: string, notify_views: NotifyViews) =>
  apiRequest(`/api/v1/sharing/grants/${encodeURIComponent(grantId)}`, { method: "PATCH", body: { notify_views } });
