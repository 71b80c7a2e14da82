import { withScim } from "@/lib/scim/handler";
import { ScimIdParams } from "@/lib/scim/schemas";
import { deleteUser, getUser, patchUser, replaceUser } from "@/lib/scim/users";

export const GET = withScim({ params: ScimIdParams }, getUser);
export const PUT = withScim({ params: ScimIdParams }, replaceUser);
export const PATCH = withScim({ params: ScimIdParams }, patchUser);
export const DELETE = withScim({ params: ScimIdParams }, deleteUser);
