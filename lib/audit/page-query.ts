/**
 * The audit page's URL ↔ the API's AuditQuery. The page keeps one `actor` parameter
 * ("user:<id>", "system", "api_token", "scim_token"); empty form fields are dropped. Pure.
 */
import { AuditQuery } from "./schemas";

export type AuditPageParams = { poc?: string; actor?: string; action?: string; from?: string; to?: string; cursor?: string };

const PAGE_KEYS = ["poc", "actor", "action", "from", "to", "cursor"] as const;

export function pageParamsOf(search: Record<string, string | string[] | undefined>): AuditPageParams {
  const out: AuditPageParams = {};
  for (const key of PAGE_KEYS) {
    const value = search[key];
    const text = Array.isArray(value) ? value[0] : value;
    if (text && text.trim() !== "") out[key] = text.trim();
  }
  return out;
}

export function auditQueryOf(p: AuditPageParams, limit: number) {
  const [kind, id] = p.actor?.startsWith("user:") ? ["user", p.actor.slice(5)] : [p.actor, undefined];
  return AuditQuery.safeParse({ poc_id: p.poc, actor_type: kind, actor_id: id, action: p.action, from: p.from, to: p.to, cursor: p.cursor, limit });
}

/** The page URL (or the export's query) for these filters. */
export function searchOf(p: AuditPageParams, extra: Partial<AuditPageParams> = {}): string {
  const merged = { ...p, ...extra };
  const params = new URLSearchParams();
  for (const key of PAGE_KEYS) if (merged[key]) params.set(key, merged[key]!);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The export's API query string for the filtered set (every row: no cursor). */
export function exportSearchOf(p: AuditPageParams): string {
  const parsed = auditQueryOf({ ...p, cursor: undefined }, 1);
  if (!parsed.success) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(parsed.data)) if (value !== undefined && key !== "limit" && key !== "cursor") params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}
