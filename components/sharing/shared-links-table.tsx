"use client";

import Link from "next/link";
import { ACTIONS_COLUMN, RowActions, TableCard } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import type { GrantAction } from "./api";
import { CopyField } from "./copy-field";
import { RevokeGrantButton } from "./revoke-grant-button";
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
  return (
    <TableCard
      headingId="links-heading"
      title={HEADINGS[state] ?? "Links"}
      className="shared-links-table"
      columns={["POC", "Link", "Created", "Expires / ended", "Views", ACTIONS_COLUMN]}
      empty={links.length === 0 ? (EMPTY[state] ?? EMPTY.all) : null}
    >
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
          <RowActions>
            {link.state !== "active" ? null : (
              <RevokeGrantButton
                grantId={link.id}
                ariaLabel={`Revoke the link to ${link.poc_title}`}
                title="Revoke this link?"
                description={
                  <p>
                    Anyone using the link to <strong>{link.poc_title}</strong> loses access on their next request. This cannot be undone; you can
                    create a new link later.
                  </p>
                }
              />
            )}
          </RowActions>
        </tr>
      ))}
    </TableCard>
  );
}
