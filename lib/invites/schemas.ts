import { z } from "zod";

export const InviteSignUpInput = z.strictObject({
  name: z.string().trim().min(1, "Enter your name").max(100, "At most 100 characters"),
  password: z.string().min(10, "At least 10 characters").max(128, "At most 128 characters"),
});
export type InviteSignUpInput = z.infer<typeof InviteSignUpInput>;
