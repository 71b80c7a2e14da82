/** zod schemas of the account area (Account page). Pure. */
import { z } from "zod";

export const ChangePasswordInput = z
  .strictObject({
    current_password: z.string().min(1, "Enter your current password").max(1024),
    new_password: z.string().min(10, "At least 10 characters").max(128, "At most 128 characters"),
  })
  .refine((v) => v.new_password !== v.current_password, { message: "Choose a password different from the current one", path: ["new_password"] });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;
