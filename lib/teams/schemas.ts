import { z } from "zod";

export const TeamParams = z.object({ team_id: z.uuid() });
export const CreateTeamInput = z.strictObject({ name: z.string().trim().min(1, "Give the team a name").max(100, "At most 100 characters") });
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
