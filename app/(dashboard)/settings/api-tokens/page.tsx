import type { Metadata } from "next";
import Link from "next/link";
import { SettingsBreadcrumb } from "@/components/settings/settings-breadcrumb";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokenTable } from "@/components/tokens/token-table";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePageActor } from "@/lib/auth/page";
import { listApiTokens } from "@/lib/tokens/service";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const actor = await requirePageActor();
  if (actor.role !== "tenant_admin") return <Forbidden message="Only tenant admins can manage API tokens." />;
  const tokens = await listApiTokens(actor);
  return (
    <div className="narrow-wide">
      <SettingsBreadcrumb />
      <h1>API tokens</h1>
      <p className="muted lead">
        API tokens let scripts and integrations call the REST API under <code>/api/v1</code> as you, within {actor.tenantName ?? "your tenant"}. Send a
        token in the <code>Authorization: Bearer</code> header. Revoke a token as soon as you no longer need it. Every operation, with its fields and a curl
        example, is in the <Link href="/docs/api">API reference</Link>.
      </p>
      <CreateTokenForm action={createApiTokenAction} />
      <TokenTable tokens={tokens} revokeAction={revokeApiTokenAction} />
    </div>
  );
}
