/** Labels and time formats of the Share dialogs (browser side: the viewer's own time zone). */
import { formatDateTime } from "@/components/format";
import type { GrantAction, GrantJson } from "./api";

export const ACTION_LABELS: Record<GrantAction, string> = {
  view: "View",
  download: "Download",
  comment: "Comment",
  edit: "Edit",
  share: "Share with others",
};

export const ALL_ACTIONS: readonly GrantAction[] = ["view", "download", "comment", "edit", "share"];
/** Public links never carry edit or share (DESIGN rule 4). */
export const LINK_ACTIONS: readonly GrantAction[] = ["view", "download", "comment"];

export const ROLE_LABELS: Record<string, string> = { member: "All members", executive: "All executives" };

export function actionsSummary(actions: readonly GrantAction[]): string {
  return ALL_ACTIONS.filter((a) => actions.includes(a))
    .map((a) => ACTION_LABELS[a])
    .join(", ");
}

/** The browser's IANA time zone, e.g. "Europe/Paris". */
export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "local time";
  } catch {
    return "local time";
  }
}

/** "Dec 31, 2026, 5:00 PM" in the browser's time zone. */
export const formatLocal = (iso: string): string => formatDateTime(iso);

/** "Dec 31, 2026, 5:00 PM (Europe/Paris)". */
export const formatLocalWithZone = (iso: string) => `${formatLocal(iso)} (${localTimeZone()})`;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** "Expires in 7 days", "Expires in 5 hours", "Expired"; null when there is no expiry. */
export function relativeExpiry(expiresAt: string | null, now = Date.now()): string | null {
  if (!expiresAt) return null;
  const left = new Date(expiresAt).getTime() - now;
  if (!(left > 0)) return "Expired";
  if (left >= DAY) return `Expires in ${plural(Math.round(left / DAY), "day")}`;
  if (left >= HOUR) return `Expires in ${plural(Math.round(left / HOUR), "hour")}`;
  return `Expires in ${plural(Math.max(1, Math.round(left / MINUTE)), "minute")}`;
}

/** The state line of a grant: "Active", "Expires in N days" or "Expired" (or "Revoked"). */
export function grantStateLabel(grant: Pick<GrantJson, "state" | "expires_at">, now = Date.now()): string {
  if (grant.state === "revoked") return "Revoked";
  if (grant.state === "expired") return "Expired";
  return relativeExpiry(grant.expires_at, now) ?? "Active";
}

/** Who a grant is for, as one line: a person's name, an email, a team or a role. */
export function principalLabel(grant: GrantJson): string {
  const p = grant.principal;
  switch (grant.principal_type) {
    case "user":
      return p.name ?? p.email ?? "Unknown person";
    case "team":
      return p.name ? `Team ${p.name}` : "A deleted team";
    case "role":
      return ROLE_LABELS[p.id ?? ""] ?? `Role ${p.id ?? ""}`;
    default:
      return "Anyone with the link";
  }
}
