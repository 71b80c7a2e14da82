import { z } from "zod";
import { text } from "@/lib/validation/schemas";

export const TeamParams = z.object({ team_id: z.uuid() });
export const CreateTeamInput = z.strictObject({ name: text(100, { min: 1, required: "Give the team a name" }) });
export type CreateTeamInput = z.infer<typeof CreateTeamInput>;
export const TeamMemberInput = z.strictObject({ user_id: z.uuid() });
export type TeamMemberInput = z.infer<typeof TeamMemberInput>;

export const TeamJson = z.object({
  id: z.uuid(),
  name: z.string(),
  source: z.enum(["manual", "scim"]),
  members: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string() })),
});
export type TeamJson = z.infer<typeof TeamJson>;
