"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { LocalTime } from "@/components/ui/local-time";
import { asActionResult, revokeGrant, type GrantAction } from "./api";
import { CopyField } from "./copy-field";
import { actionsSummary } from "./format";

export type TenantEmbed = {
  id: string;
  poc_id: string;
  poc_title: string;
  origins: string[];
  snippet: string | null;
  actions: GrantAction[];
  watermark: boolean;
  expires_at: string | null;
  created_at: string;
};

/** Settings → Embeds: the tenant's live embeds, with their current snippet and Revoke. */
export function TenantEmbedsTable({ embeds }: { embeds: TenantEmbed[] }) {
  const router = useRouter();
  return (
    <section className="card" aria-labelledby="embeds-heading">
      <h2 id="embeds-heading" className="card-title">
        Live embeds
      </h2>
      {embeds.length === 0 ? (
        <div className="empty-state">
          <p className="muted">No live embeds. Create one from a POC&apos;s Share dialog → Embed.</p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-labelledby="embeds-heading">
            <thead>
              <tr>
                <th scope="col">POC</th>
                <th scope="col">Sites</th>
                <th scope="col">Snippet</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {embeds.map((embed) => (
                <tr key={embed.id}>
                  <th scope="row">
                    <Link href={`/pocs/${embed.poc_id}`}>{embed.poc_title}</Link>
                    <div className="muted small">
                      {actionsSummary(embed.actions)}
                      {embed.watermark ? " · Watermark" : ""}
                    </div>
                  </th>
                  <td>{embed.origins.join(", ")}</td>
                  <td>
                    {embed.snippet ? (
                      <CopyField value={embed.snippet} label={`Embed snippet for ${embed.poc_title}`} copyLabel={`Copy the snippet for ${embed.poc_title}`} compact hideLabel />
                    ) : null}
                  </td>
                  <td>{embed.expires_at ? <LocalTime value={embed.expires_at} /> : <span className="muted">Never</span>}</td>
                  <td className="row-actions">
                    <ConfirmButton
                      label="Revoke"
                      ariaLabel={`Revoke the embed of ${embed.poc_title} on ${embed.origins.join(", ")}`}
                      title="Revoke this embed?"
                      description={<p>Sites showing this embed of <strong>{embed.poc_title}</strong> see that it is no longer available on their next load.</p>}
                      confirmLabel="Revoke"
                      onConfirm={async () => {
                        const result = await asActionResult(() => revokeGrant(embed.id));
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
