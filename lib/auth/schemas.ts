/** zod schemas of the account area (Account page). Pure. */
import { z } from "zod";
import { text } from "@/lib/validation/schemas";

export const ChangePasswordInput = z
  .strictObject({
    current_password: z.string().min(1, "Enter your current password").max(1024),
    new_password: z.string().min(10, "At least 10 characters").max(128, "At most 128 characters"),
  })
  .refine((v) => v.new_password !== v.current_password, { message: "Choose a password different from the current one", path: ["new_password"] });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/** The name people see on comments, tasks and shares. */
export const UpdateProfileInput = z.strictObject({ name: text(100, { min: 1, required: "Enter your name" }) });
export type UpdateProfileInput = z.infer<typeof UpdateProfileInput>;
