import { withScim } from "@/lib/scim/handler";
import { createUser, listUsers } from "@/lib/scim/users";

export const GET = withScim({}, listUsers);
export const POST = withScim({}, createUser);
