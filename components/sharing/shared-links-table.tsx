"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { LocalTime } from "@/components/ui/local-time";
import { asActionResult, revokeGrant, type GrantAction } from "./api";
import { CopyField } from "./copy-field";
import { actionsSummary } from "./format";

export type TenantLink = {
  id: string;
  poc_id: string;
  poc_title: string;
  link_url: string | null;
  actions: GrantAction[];
  has_password: boolean;
  watermark: boolean;
  /** The link asks viewers for a one-time email code (allow or block lists included). */
  verified_viewers: boolean;
  expires_at: string | null;
  created_at: string;
  created_by: string | null;
  state: "active" | "expired" | "revoked";
  views: number;
  unique_viewers: number;
  last_viewed_at: string | null;
  ended: { reason: "revoked" | "expired"; at: string; by: string | null } | null;
};

const HEADINGS: Record<string, string> = { live: "Live links", expired: "Expired links", revoked: "Revoked links", all: "All links" };
const EMPTY: Record<string, string> = {
  live: "No live public links. Tenant admins create one from a POC's Share dialog, under General access.",
  expired: "No expired links.",
  revoked: "No revoked links.",
  all: "No public links yet. Tenant admins create one from a POC's Share dialog, under General access.",
};

/** Settings → Shared links: the tenant's public links with their views; Copy and Revoke on live ones. */
export function SharedLinksTable({ links, state }: { links: TenantLink[]; state: string }) {
  const router = useRouter();
  return (
    <section className="card" aria-labelledby="links-heading">
      <h2 id="links-heading" className="card-title">
        {HEADINGS[state] ?? "Links"}
      </h2>
      {links.length === 0 ? (
        <div className="empty-state share-links-empty">
          <p className="muted">{EMPTY[state] ?? EMPTY.all}</p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="data-table shared-links-table" aria-labelledby="links-heading">
            <thead>
              <tr>
                <th scope="col">POC</th>
                <th scope="col">Link</th>
                <th scope="col">Created</th>
                <th scope="col">Expires / ended</th>
                <th scope="col">Views</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {links.map((link) => (
                <tr key={link.id}>
                  <th scope="row">
                    <Link href={`/pocs/${link.poc_id}`}>{link.poc_title}</Link>
                    <div className="muted small share-link-options">
                      {actionsSummary(link.actions)}
                      {link.has_password ? " · Password" : ""}
                      {link.watermark ? " · Watermark" : ""}
                      {link.verified_viewers ? " · Verified viewers" : ""}
                    </div>
                  </th>
                  <td>
                    {link.link_url ? <CopyField value={link.link_url} label={`Share link for ${link.poc_title}`} copyLabel={`Copy the link to ${link.poc_title}`} compact hideLabel /> : <span className="muted">—</span>}
                  </td>
                  <td>
                    <LocalTime value={link.created_at} />
                    <div className="muted small">by {link.created_by ?? "Unknown"}</div>
                  </td>
                  <td>
                    {link.ended ? (
                      <>
                        <span className={`badge ${"badge-share-expired"}`}>{link.ended.reason === "revoked" ? "Revoked" : "Expired"}</span>
                        <div className="muted small">
                          <LocalTime value={link.ended.at} />
                          {link.ended.by ? ` by ${link.ended.by}` : ""}
                        </div>
                      </>
                    ) : link.expires_at ? (
                      <LocalTime value={link.expires_at} />
                    ) : (
                      <span className="muted">Never</span>
                    )}
                  </td>
                  <td>
                    {link.views} {link.views === 1 ? "view" : "views"}
                    <div className="muted small">
                      {link.unique_viewers} {link.unique_viewers === 1 ? "viewer" : "viewers"}
                      {link.last_viewed_at ? (
                        <>
                          {" · last "}
                          <LocalTime value={link.last_viewed_at} />
                        </>
                      ) : null}
                    </div>
                  </td>
                  <td className="row-actions">
                    {link.state !== "active" ? null : (
                    <ConfirmButton
                      label="Revoke"
                      ariaLabel={`Revoke the link to ${link.poc_title}`}
                      title="Revoke this link?"
                      description={
                        <p>
                          Anyone using the link to <strong>{link.poc_title}</strong> loses access on their next request. This cannot be undone; you can create a
                          new link later.
                        </p>
                      }
                      confirmLabel="Revoke"
                      onConfirm={async () => {
                        const result = await asActionResult(() => revokeGrant(link.id));
                        if (result.ok) router.refresh();
                        return result;
                      }}
                    />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
