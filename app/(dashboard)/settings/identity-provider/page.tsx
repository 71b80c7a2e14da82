import type { Metadata } from "next";
import { ScimSetup } from "@/components/settings/scim-setup";
import { SettingsBreadcrumb } from "@/components/settings/settings-breadcrumb";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokenTable } from "@/components/tokens/token-table";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePageActor } from "@/lib/auth/page";
import { listScimTokens, scimBaseUrl } from "@/lib/scim-tokens/service";
import { createScimTokenAction, revokeScimTokenAction } from "./actions";

export const metadata: Metadata = { title: "Identity provider" };

export default async function IdentityProviderPage() {
  const actor = await requirePageActor();
  if (actor.role !== "tenant_admin" || !actor.tenantId) return <Forbidden message="Only tenant admins can connect an identity provider." />;
  const tokens = await listScimTokens(actor);
  const baseUrl = scimBaseUrl();
  return (
    <div className="narrow-wide">
      <SettingsBreadcrumb />
      <h1>Identity provider</h1>
      <p className="muted lead">
        Let Okta or Microsoft Entra ID provision {actor.tenantName ?? "your tenant"} over SCIM 2.0: people they assign become members, their groups become
        teams (read-only here), and deactivating someone there ends their access here on their next request.
      </p>
      <ScimSetup baseUrl={baseUrl} />
      <CreateTokenForm
        action={createScimTokenAction}
        kind="SCIM token"
        placeholder="e.g. Okta production"
        afterReveal={<p className="muted small">Paste it into your identity provider as the API token (Okta) or Secret Token (Entra ID), with the base URL above.</p>}
      />
      <TokenTable
        tokens={tokens}
        revokeAction={revokeScimTokenAction}
        emptyText="No SCIM tokens yet. Create one for each identity provider you connect."
        revokeEffect={(name) => (
          <>
            The identity provider using <strong>{name}</strong> can no longer provision this tenant, from its next request on. People and teams it created
            stay as they are.
          </>
        )}
      />
    </div>
  );
}
