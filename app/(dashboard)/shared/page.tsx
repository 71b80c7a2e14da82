import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { requirePageActor } from "@/lib/auth/page";
import { sharedWithMe } from "@/lib/sharing/service";

export const metadata: Metadata = { title: "Shared with me" };

const ACTION_LABELS: Record<string, string> = { view: "View", download: "Download", comment: "Comment", edit: "Edit", share: "Share" };

/** POCs shared with the signed-in user (directly, through a team or through their role), newest first. */
export default async function SharedWithMePage() {
  const actor = await requirePageActor();
  const shared = await sharedWithMe(actor);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Shared with me</h1>
          <p className="muted">
            {shared.length === 0
              ? "POCs that colleagues share with you, your team or your role."
              : `${shared.length === 1 ? "1 POC" : `${shared.length} POCs`} shared with you, your team or your role, newest first.`}
          </p>
        </div>
      </div>
      {shared.length === 0 ? (
        <div className="card empty-state">
          <h2>Nothing has been shared with you yet.</h2>
          <p className="muted">When someone shares a POC with you, it appears here with what you may do with it.</p>
        </div>
      ) : (
        <ul className="poc-grid" aria-label="POCs shared with me">
          {shared.map((item) => (
            <li key={item.poc.id} className="card poc-card shared-card">
              <div className="poc-card-top">
                <h2 className="poc-card-title">
                  <Link href={`/pocs/${item.poc.id}`} className="stretched-link">
                    {item.poc.title}
                  </Link>
                </h2>
                <StatusBadge kind="poc" status={item.poc.status} />
              </div>
              <p className="poc-card-customer">{item.poc.customer || <span className="muted">No customer yet</span>}</p>
              <ul className="action-tags" aria-label="What you can do">
                {item.actions.map((action) => (
                  <li key={action} className="action-tag">
                    {ACTION_LABELS[action] ?? action}
                  </li>
                ))}
              </ul>
              <dl className="meta-list">
                <div>
                  <dt>Shared by</dt>
                  <dd>{item.shared_by?.name ?? <span className="muted">Someone</span>}</dd>
                </div>
                <div>
                  <dt>Shared</dt>
                  <dd>
                    <LocalTime value={item.shared_at} />
                  </dd>
                </div>
                <div>
                  <dt>Expires</dt>
                  <dd>{item.expires_at ? <LocalTime value={item.expires_at} /> : <span className="muted">Never</span>}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
