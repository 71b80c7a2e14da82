"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/auth/page";
import { Id } from "@/lib/pocs/schemas";
import { CreateScimTokenInput } from "@/lib/scim-tokens/schemas";
import * as scimTokens from "@/lib/scim-tokens/service";

const PATH = "/settings/identity-provider";

/** Creates a SCIM token; the result carries the token itself, the only time it is shown. */
export const createScimTokenAction = userAction(CreateScimTokenInput, async (input, actor) => {
  const created = await scimTokens.createScimToken(actor, input);
  revalidatePath(PATH);
  return created;
});

export async function revokeScimTokenAction(tokenId: string) {
  return userAction(z.object({ token_id: Id }), async ({ token_id }, actor) => {
    await scimTokens.revokeScimToken(actor, token_id);
    revalidatePath(PATH);
    return null;
  })({ token_id: tokenId });
}
