import { z } from "zod";

export const CreateApiTokenInput = z.strictObject({
  name: z.string().trim().min(1, "Give the token a name").max(100, "At most 100 characters"),
});
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenInput>;

export const ApiTokenJson = z.object({
  id: z.uuid(),
  name: z.string(),
  display_prefix: z.string(),
  created_at: z.iso.datetime({ offset: true }),
  created_by: z.object({ id: z.uuid(), name: z.string() }),
  last_used_at: z.iso.datetime({ offset: true }).nullable(),
  revoked_at: z.iso.datetime({ offset: true }).nullable(),
});
export type ApiTokenJson = z.infer<typeof ApiTokenJson>;

/** The only response that ever carries the token itself. */
export const CreatedApiTokenJson = ApiTokenJson.extend({ token: z.string() });
