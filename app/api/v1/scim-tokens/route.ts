import { json, withActor } from "@/lib/api/handler";
import { CreateScimTokenInput } from "@/lib/scim-tokens/schemas";
import * as scimTokens from "@/lib/scim-tokens/service";

export const GET = withActor({}, async ({ actor }) => json({ data: await scimTokens.listScimTokens(actor) }));

// Not idempotent on purpose: a stored replay would keep the token itself in the database.
export const POST = withActor({ body: CreateScimTokenInput }, async ({ actor, body }) =>
  json(await scimTokens.createScimToken(actor, body), { status: 201 }),
);
