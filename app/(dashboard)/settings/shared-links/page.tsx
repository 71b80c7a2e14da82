import type { Metadata } from "next";
import { ExportLookup } from "@/components/exports/export-lookup";
import { SharedLinksTable } from "@/components/sharing/shared-links-table";
import { Forbidden } from "@/components/ui/forbidden";
import { AppError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page";
import { ExportIdParams, type ExportRecord } from "@/lib/exports/schemas";
import { findExport } from "@/lib/exports/service";
import { listTenantLinks } from "@/lib/sharing/service";

export const metadata: Metadata = { title: "Shared links" };

type Props = { searchParams: Promise<{ export_id?: string | string[] }> };

/** The export lookup's answer: the record, or why there is none. */
async function lookUp(actor: Actor, raw: string): Promise<{ result: ExportRecord | null; error: string | null }> {
  if (!raw) return { result: null, error: null };
  const parsed = ExportIdParams.safeParse({ export_id: raw.trim() });
  if (!parsed.success) return { result: null, error: "An export id has 10 letters and digits, like X7K3M9Q2TD." };
  try {
    return { result: await findExport(actor, parsed.data.export_id), error: null };
  } catch (error) {
    if (error instanceof AppError && error.code === "resource/not-found") return { result: null, error: "No export of this tenant has that id." };
    throw error;
  }
}

export default async function SharedLinksPage({ searchParams }: Props) {
  const actor = await requirePageActor();
  if (actor.role !== "tenant_admin") return <Forbidden message="Only tenant admins can see and revoke the tenant's public links." />;
  const exportQuery = [(await searchParams).export_id].flat()[0]?.slice(0, 40) ?? "";
  const [links, lookup] = await Promise.all([listTenantLinks(actor), lookUp(actor, exportQuery)]);
  return (
    <div className="narrow-wide">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <span>Settings</span>
      </nav>
      <h1>Shared links</h1>
      <p className="muted lead">
        Every live public link of {actor.tenantName ?? "your tenant"}. Anyone holding one of these links can open its POC without signing in. Revoke a
        link to end its access on the next request; to change a link&apos;s password, expiry or watermark, open its POC and use{" "}
        <strong>Manage Share Link</strong>.
      </p>
      <SharedLinksTable
        links={links.map((l) => ({
          id: l.id,
          poc_id: l.subject_id,
          poc_title: l.poc_title,
          link_url: l.link_url,
          actions: l.actions,
          has_password: l.has_password,
          watermark: l.watermark,
          expires_at: l.expires_at,
          created_at: l.created_at,
          created_by: l.created_by?.name ?? null,
        }))}
      />
      <ExportLookup query={exportQuery} result={lookup.result} error={lookup.error} />
    </div>
  );
}
