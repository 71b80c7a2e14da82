import type { Metadata } from "next";
import { EmbedKeysCard } from "@/components/settings/embed-keys-card";
import { SettingsBreadcrumb } from "@/components/settings/settings-breadcrumb";
import { TenantEmbedsTable } from "@/components/sharing/tenant-embeds-table";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePageActor } from "@/lib/auth/page";
import { listEmbedKeys } from "@/lib/embed/service";
import { listTenantEmbeds } from "@/lib/sharing/service";
import { retireOldEmbedKeysAction, rotateEmbedKeyAction } from "./actions";

export const metadata: Metadata = { title: "Embeds" };

export default async function EmbedsPage() {
  const actor = await requirePageActor();
  if (actor.role !== "tenant_admin") return <Forbidden message="Only tenant admins can manage embeds and their signing keys." />;
  const [keys, embeds] = await Promise.all([listEmbedKeys(actor), listTenantEmbeds(actor)]);
  return (
    <div className="narrow-wide">
      <SettingsBreadcrumb />
      <h1>Embeds</h1>
      <p className="muted lead">
        Embeds show a POC of {actor.tenantName ?? "your tenant"} read-only inside other sites, framed only by the sites each embed lists. Their links are
        tokens signed with the key below; revoke one embed on its POC&apos;s Share dialog or here, or rotate the key to replace every token at once.
      </p>
      <EmbedKeysCard keys={keys} rotateAction={rotateEmbedKeyAction} retireAction={retireOldEmbedKeysAction} />
      <TenantEmbedsTable
        embeds={embeds.map((e) => ({
          id: e.id,
          poc_id: e.subject_id,
          poc_title: e.poc_title,
          origins: e.embed_origins ?? [],
          snippet: e.embed_snippet,
          actions: e.actions,
          watermark: e.watermark,
          expires_at: e.expires_at,
          created_at: e.created_at,
        }))}
      />
    </div>
  );
}
