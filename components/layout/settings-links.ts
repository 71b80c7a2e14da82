/** The settings pages (tenant admins), in the order of the header's Settings group and the /settings page. */
export const SETTINGS_LINKS = [
  { href: "/settings/members", label: "Members", description: "People of your organisation, their roles, and outside guests things are shared with." },
  { href: "/settings/teams", label: "Teams", description: "Groups of members to share with at once, made here or synced from your identity provider." },
  { href: "/settings/api-tokens", label: "API tokens", description: "Bearer tokens for integrations with the REST API." },
  { href: "/settings/identity-provider", label: "Identity provider", description: "SCIM provisioning from Okta or Microsoft Entra ID: the base URL and SCIM tokens." },
  { href: "/settings/shared-links", label: "Shared links", description: "Every public link of your POCs: who made it, its options, and when it ends." },
  { href: "/settings/embeds", label: "Embeds", description: "POCs shown inside other sites: their snippets, and the key that signs them." },
  { href: "/settings/audit-log", label: "Audit log", description: "Every change to sharing, people and tokens, hash-chained so an auditor can verify it." },
  { href: "/settings/outbox", label: "Outbox", description: "Emails the app sends: invitations, share notices and access requests." },
] as const;
