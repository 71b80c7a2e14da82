import type { Metadata } from "next";
import { OutboxList } from "@/components/settings/outbox-list";
import { SettingsBreadcrumb } from "@/components/settings/settings-breadcrumb";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePageActor } from "@/lib/auth/page";
import { listOutbox } from "@/lib/email/service";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage() {
  const actor = await requirePageActor();
  if (actor.role !== "tenant_admin" || !actor.tenantId) return <Forbidden message="Only tenant admins can see the outbox." />;
  const messages = await listOutbox(actor);
  return (
    <div className="narrow-wide">
      <SettingsBreadcrumb />
      <h1>Outbox</h1>
      <p className="muted lead">
        Emails the app sends for {actor.tenantName ?? "your tenant"}: invitations and share notices, newest first. Without <code>SMTP_URL</code>, emails
        wait here; copy invite links from the message text.
      </p>
      <OutboxList messages={messages} />
    </div>
  );
}
