"use client";

import Link from "next/link";
import { ACTIONS_COLUMN, RowActions, TableCard } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import type { GrantAction } from "./api";
import { CopyField } from "./copy-field";
import { RevokeGrantButton } from "./revoke-grant-button";
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
  return (
    <TableCard
      headingId="embeds-heading"
      title="Live embeds"
      columns={["POC", "Sites", "Snippet", "Expires", ACTIONS_COLUMN]}
      empty={embeds.length === 0 ? <>No live embeds. Create one from a POC&apos;s Share dialog → Embed.</> : null}
    >
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
          <RowActions>
            <RevokeGrantButton
              grantId={embed.id}
              ariaLabel={`Revoke the embed of ${embed.poc_title} on ${embed.origins.join(", ")}`}
              title="Revoke this embed?"
              description={<p>Sites showing this embed of <strong>{embed.poc_title}</strong> see that it is no longer available on their next load.</p>}
            />
          </RowActions>
        </tr>
      ))}
    </TableCard>
  );
}
