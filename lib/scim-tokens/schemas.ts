import { z } from "zod";

export const ScimTokenParams = z.object({ token_id: z.uuid() });
export const CreateScimTokenInput = z.strictObject({
  name: z.string().trim().min(1, "Give the token a name").max(100, "At most 100 characters"),
});
export type CreateScimTokenInput = z.infer<typeof CreateScimTokenInput>;

export const ScimTokenJson = z.object({
  id: z.uuid(),
  name: z.string(),
  display_prefix: z.string(),
  created_at: z.iso.datetime({ offset: true }),
  created_by: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  last_used_at: z.iso.datetime({ offset: true }).nullable(),
  revoked_at: z.iso.datetime({ offset: true }).nullable(),
});
export type ScimTokenJson = z.infer<typeof ScimTokenJson>;

/** The only response that ever carries the token itself, with the base URL to paste into the IdP. */
export const CreatedScimTokenJson = ScimTokenJson.extend({ token: z.string(), scim_base_url: z.string() });
export type CreatedScimTokenJson = z.infer<typeof CreatedScimTokenJson>;
