import { z } from "zod";
import { text } from "@/lib/validation/schemas";

export const InviteSignUpInput = z.strictObject({
  name: text(100, { min: 1, required: "Enter your name" }),
  password: z.string().min(10, "At least 10 characters").max(128, "At most 128 characters"),
});
export type InviteSignUpInput = z.infer<typeof InviteSignUpInput>;
