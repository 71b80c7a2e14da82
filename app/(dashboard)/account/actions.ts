"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { changeOwnPassword, signOutEverywhere, updateOwnName } from "@/lib/auth/account";
import { userAction } from "@/lib/auth/page";
import { ChangePasswordInput, UpdateProfileInput } from "@/lib/auth/schemas";

export const updateNameAction = userAction(UpdateProfileInput, async (input, actor) => {
  const result = await updateOwnName(actor, input);
  revalidatePath("/", "layout");
  return result;
});

export const changePasswordAction = userAction(ChangePasswordInput, (input, actor) => changeOwnPassword(actor, input));

const signOutEverywhereOf = userAction(z.object({}), (_input, actor) => signOutEverywhere(actor));

export async function signOutEverywhereAction() {
  return signOutEverywhereOf({});
}
