"use server";

import { z } from "zod";
import { changeOwnPassword, signOutEverywhere } from "@/lib/auth/account";
import { userAction } from "@/lib/auth/page";
import { ChangePasswordInput } from "@/lib/auth/schemas";

export const changePasswordAction = userAction(ChangePasswordInput, (input, actor) => changeOwnPassword(actor, input));

const signOutEverywhereOf = userAction(z.object({}), (_input, actor) => signOutEverywhere(actor));

export async function signOutEverywhereAction() {
  return signOutEverywhereOf({});
}
