/**
 * View notices: a grant set to notify its creator gets an email through the outbox on its
 * first view, or on every view at most once per grant per hour (repo.claimViewNotices).
 * Runs after the access log's batch is written, never on the viewer's request.
 */
import { config } from "@/lib/config";
import { transaction } from "@/lib/db/repo";
import { kickEmailDelivery, queueEmail } from "@/lib/email/service";
import * as repo from "./repo";
import { quoted } from "@/lib/email/compose";

export type ViewForNotice = { grantId: string; viewerEmail?: string | null; viewerName?: string | null; viewedAt?: Date | null };

/** Queues the notices these views are due (`due`: the grants that notify, when already known). */
export async function queueViewNotices(views: readonly ViewForNotice[], due?: readonly repo.NoticeDue[]): Promise<number> {
  const firstByGrant = new Map<string, ViewForNotice>();
  for (const v of views) if (!firstByGrant.has(v.grantId)) firstByGrant.set(v.grantId, v);
  if (firstByGrant.size === 0) return 0;
  due ??= await repo.grantsToNotify([...firstByGrant.keys()]);
  if (due.length === 0) return 0;
  const sent = await transaction(async (tx) => {
    let claimed = 0;
    for (const notice of due) {
      if (notice.notify === "off" || !(await repo.claimViewNotice(tx, notice.grantId, notice.notify))) continue;
      claimed++;
      const view = firstByGrant.get(notice.grantId)!;
      // Names and titles are user text: one quoted line each (lib/email/compose).
      const who = view.viewerEmail ?? (view.viewerName ? quoted(view.viewerName, 100) : "Someone (this link does not ask for an email)");
      const what = notice.principalType === "link" ? `your public link to ${quoted(notice.pocTitle)}` : `${quoted(notice.pocTitle)}, which you shared`;
      await queueEmail(tx, {
        tenantId: notice.tenantId,
        to: notice.to,
        subject: `New view: ${quoted(notice.pocTitle, 80)}`,
        text: [
          `${who} opened ${what} at ${(view.viewedAt ?? new Date()).toISOString()}.`,
          "",
          notice.notify === "first"
            ? "You asked to hear about the first view only; later views appear in the link's activity."
            : "You asked to hear about every view; you get at most one email per hour for this grant.",
          `See who viewed it, or change this setting: ${config().appUrl}/pocs/${notice.pocId}`,
        ].join("\n"),
      });
    }
    return claimed;
  });
  if (sent > 0) kickEmailDelivery();
  return sent;
}
