import { z } from "zod";
import { text } from "@/lib/validation/schemas";

export const CreateApiTokenInput = z.strictObject({
  name: text(100, { min: 1, required: "Give the token a name" }),
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
