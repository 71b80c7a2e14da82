import { deleteGroup, getGroup, patchGroup, replaceGroup } from "@/lib/scim/groups";
import { withScim } from "@/lib/scim/handler";
import { ScimIdParams } from "@/lib/scim/schemas";

export const GET = withScim({ params: ScimIdParams }, getGroup);
export const PUT = withScim({ params: ScimIdParams }, replaceGroup);
export const PATCH = withScim({ params: ScimIdParams }, patchGroup);
export const DELETE = withScim({ params: ScimIdParams }, deleteGroup);
