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
};

/** Settings → Shared links: the tenant's live public links, with Copy and Revoke. */
export function SharedLinksTable({ links }: { links: TenantLink[] }) {
  const router = useRouter();
  return (
    <section className="card" aria-labelledby="links-heading">
      <h2 id="links-heading" className="card-title">
        Live links
      </h2>
      {links.length === 0 ? (
        <div className="empty-state share-links-empty">
          <p className="muted">No live public links. Tenant admins create one from a POC&apos;s page with &ldquo;🔗 Create Share Link&rdquo;.</p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="data-table shared-links-table" aria-labelledby="links-heading">
            <thead>
              <tr>
                <th scope="col">POC</th>
                <th scope="col">Link</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
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
                  <td>{link.expires_at ? <LocalTime value={link.expires_at} /> : <span className="muted">Never</span>}</td>
                  <td className="row-actions">
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
