"use server";

import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/auth/page";
import { Id } from "@/lib/pocs/schemas";
import { CreateApiTokenInput } from "@/lib/tokens/schemas";
import * as tokens from "@/lib/tokens/service";
import { z } from "zod";

const PATH = "/settings/api-tokens";

/** Creates an API token; the result carries the token itself, the only time it is shown. */
export const createApiTokenAction = userAction(CreateApiTokenInput, async (input, actor) => {
  const created = await tokens.createApiToken(actor, input);
  revalidatePath(PATH);
  return created;
});

export async function revokeApiTokenAction(tokenId: string) {
  return userAction(z.object({ token_id: Id }), async ({ token_id }, actor) => {
    await tokens.revokeApiToken(actor, token_id);
    revalidatePath(PATH);
    return null;
  })({ token_id: tokenId });
}
