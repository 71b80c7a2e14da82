"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { userAction } from "@/lib/auth/page";
import { CreatePocInput } from "@/lib/pocs/schemas";
import * as pocs from "@/lib/pocs/service";

/** Creates a POC owned by the signed-in user and opens it. */
export const createPocAction = userAction(CreatePocInput, async (input, actor) => {
  const poc = await pocs.createPoc(actor, input);
  revalidatePath("/pocs");
  redirect(`/pocs/${poc.id}`);
});
