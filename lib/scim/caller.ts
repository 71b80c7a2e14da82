/** An identity provider calling /scim/v2 with a tenant's SCIM token: it acts only in that tenant. */
export type ScimCaller = { scimTokenId: string; tenantId: string; tenantName: string; ip: string | null };
