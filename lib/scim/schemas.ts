/**
 * SCIM resource and message schemas (RFC 7643 / 7644) as zod: what the service accepts from
 * identity providers. Unknown attributes are ignored (IdPs send many we do not store); unknown
 * schema URNs are refused.
 */
import { z } from "zod";

export const CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

export const MAX_RESULTS = 1000;
export const DEFAULT_COUNT = 100;

/** Entra sends booleans as strings ("True", "False"); RFC clients send real booleans. */
export const ScimBoolean = z.union([
  z.boolean(),
  z
    .string()
    .regex(/^(true|false)$/i, "Expected true or false")
    .transform((s) => s.toLowerCase() === "true"),
]);

const text = (max = 256) => z.string().trim().max(max);
const optionalText = (max = 256) => text(max).nullish();

export const ScimName = z
  .object({
    formatted: optionalText(),
    familyName: optionalText(),
    givenName: optionalText(),
    middleName: optionalText(),
    honorificPrefix: optionalText(),
    honorificSuffix: optionalText(),
  })
  .partial();

export const ScimEmail = z.object({
  value: z.string().trim().toLowerCase().max(320).email("Not an email address"),
  type: optionalText(32),
  primary: ScimBoolean.nullish(),
  display: optionalText(),
});

export const EnterpriseUser = z
  .object({
    employeeNumber: optionalText(),
    costCenter: optionalText(),
    organization: optionalText(),
    division: optionalText(),
    department: optionalText(),
    manager: z.object({ value: optionalText(), displayName: optionalText() }).partial().nullish(),
  })
  .partial();

const schemasOf = (required: string, allowed: string[]) =>
  z
    .array(z.string())
    .min(1)
    .refine((list) => list.includes(required), `schemas must include ${required}`)
    .refine((list) => list.every((s) => allowed.includes(s)), `Unknown schema; supported: ${allowed.join(", ")}`);

/** A User as POSTed or PUT (and as it must look after a PATCH). */
export const ScimUserInput = z.object({
  schemas: schemasOf(CORE_USER, [CORE_USER, ENTERPRISE_USER]),
  id: z.string().optional(),
  externalId: optionalText(),
  userName: text(320).min(1, "userName is required"),
  name: ScimName.nullish(),
  displayName: optionalText(),
  nickName: optionalText(),
  title: optionalText(),
  userType: optionalText(),
  preferredLanguage: optionalText(32),
  locale: optionalText(32),
  timezone: optionalText(64),
  active: ScimBoolean.optional(),
  emails: z.array(ScimEmail).max(20).nullish(),
  [ENTERPRISE_USER]: EnterpriseUser.nullish(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type ScimUserInput = z.infer<typeof ScimUserInput>;

const GroupMember = z.object({
  value: z.string().min(1).max(100),
  display: optionalText(),
  type: optionalText(32),
  $ref: optionalText(2048),
});
export type GroupMember = z.infer<typeof GroupMember>;
export const GroupMembers = z.array(GroupMember).max(10_000);

export const ScimGroupInput = z.object({
  schemas: schemasOf(CORE_GROUP, [CORE_GROUP]),
  id: z.string().optional(),
  externalId: optionalText(),
  displayName: text(100).min(1, "displayName is required"),
  members: GroupMembers.nullish(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type ScimGroupInput = z.infer<typeof ScimGroupInput>;

export const PatchOperation = z.object({
  // Entra capitalises op names (Add, Replace, Remove): matched case-insensitively.
  op: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(["add", "replace", "remove"], "op must be add, replace or remove")),
  path: z.string().max(1000).optional(),
  value: z.unknown().optional(),
});
export type PatchOperation = z.infer<typeof PatchOperation>;

export const PatchRequest = z.object({
  schemas: z.array(z.string()).refine((list) => list.includes(PATCH_OP), `schemas must include ${PATCH_OP}`),
  Operations: z.array(PatchOperation).min(1, "Operations must not be empty").max(1000),
});

export const ScimIdParams = z.object({ id: z.uuid() });
