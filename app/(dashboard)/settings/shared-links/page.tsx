import type { Metadata } from "next";
import { LinkStateFilter, LINK_STATES, type LinkStateChoice } from "@/components/sharing/link-state-filter";
import { ExportLookup } from "@/components/exports/export-lookup";
import { SettingsBreadcrumb } from "@/components/settings/settings-breadcrumb";
import { SharedLinksTable } from "@/components/sharing/shared-links-table";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePageActor } from "@/lib/auth/page";
import { lookUpExport } from "@/lib/exports/service";
import { listTenantLinks } from "@/lib/sharing/service";

export const metadata: Metadata = { title: "Shared links" };

type Props = { searchParams: Promise<{ state?: string; export_id?: string | string[] }> };

export default async function SharedLinksPage({ searchParams }: Props) {
  const actor = await requirePageActor();
  if (actor.role !== "tenant_admin") return <Forbidden message="Only tenant admins can see and revoke the tenant's public links." />;
  const query = await searchParams;
  const state: LinkStateChoice = LINK_STATES.find((s) => s.value === query.state)?.value ?? "live";
  const exportQuery = [query.export_id].flat()[0]?.slice(0, 40) ?? "";
  const [links, lookup] = await Promise.all([listTenantLinks(actor, state), lookUpExport(actor, exportQuery)]);
  return (
    <div className="narrow-wide">
      <SettingsBreadcrumb />
      <h1>Shared links</h1>
      <p className="muted lead">
        The public links of {actor.tenantName ?? "your tenant"}. Anyone holding a live link can open its POC without signing in. Revoke a link to end
        its access on the next request; to change a link&apos;s password, expiry or watermark, open its POC, <strong>Share</strong>, General access.
        Expired and revoked links stay here with their activity.
      </p>
      <LinkStateFilter current={state} />
      <SharedLinksTable
        state={state}
        links={links.map((l) => ({
          id: l.id,
          poc_id: l.subject_id,
          poc_title: l.poc_title,
          link_url: l.link_url,
          actions: l.actions,
          has_password: l.has_password,
          watermark: l.watermark,
          verified_viewers: l.require_verified_email,
          expires_at: l.expires_at,
          created_at: l.created_at,
          created_by: l.created_by?.name ?? null,
          state: l.state,
          views: l.activity.views,
          unique_viewers: l.activity.unique_viewers,
          last_viewed_at: l.activity.last_viewed_at,
          ended: l.ended,
        }))}
      />
      <ExportLookup query={exportQuery} result={lookup.result} error={lookup.error} />
    </div>
  );
}
