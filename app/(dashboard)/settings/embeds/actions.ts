"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/auth/page";
import * as embeds from "@/lib/embed/service";

const PATH = "/settings/embeds";
const NoInput = z.object({});

export async function rotateEmbedKeyAction() {
  return userAction(NoInput, async (_input, actor) => {
    await embeds.rotateEmbedKey(actor);
    revalidatePath(PATH);
    return null;
  })({});
}

export async function retireOldEmbedKeysAction() {
  return userAction(NoInput, async (_input, actor) => {
    await embeds.retireOldEmbedKeys(actor);
    revalidatePath(PATH);
    return null;
  })({});
}
