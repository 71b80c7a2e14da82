import { createGroup, listGroups } from "@/lib/scim/groups";
import { withScim } from "@/lib/scim/handler";

export const GET = withScim({}, listGroups);
export const POST = withScim({}, createGroup);
