/**
 * SCIM errors (RFC 7644 §3.12): the SCIM wrapper turns these, and any AppError, into the
 * `urn:ietf:params:scim:api:messages:2.0:Error` body with `status` as a string.
 */
import { logger } from "@/lib/log";
import type { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { isUniqueViolation } from "@/lib/db/repo";

export const SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
export const SCIM_CONTENT_TYPE = "application/scim+json";

export type ScimType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive";

export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimType,
  ) {
    super(message);
    this.name = "ScimError";
  }
}

export const scimInvalidValue = (detail: string) => new ScimError(400, detail, "invalidValue");
export const scimInvalidFilter = (detail: string) => new ScimError(400, detail, "invalidFilter");
export const scimNotFound = (what: "User" | "Group" | "Resource") => new ScimError(404, `${what} not found`);
export const scimUniqueness = (detail: string) => new ScimError(409, detail, "uniqueness");
export const scimMutability = (detail: string) => new ScimError(400, detail, "mutability");

/** Parses a SCIM body; a failure is 400 invalidValue naming the attribute and the problem. */
export function parseScim<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((i) => `${i.path.map(String).join(".") || "(body)"}: ${i.message}`);
  throw scimInvalidValue(problems.join("; "));
}

// Unique indexes that answer conflicts (POST /Users relies on them; elsewhere a concurrent
// request can hit them after our own checks passed): a 409 saying which value is taken.
const UNIQUE_CONSTRAINTS: Record<string, string> = {
  memberships_tenant_user_name_key: "A user with this userName already exists in this tenant",
  memberships_tenant_external_key: "A user with this externalId already exists in this tenant",
  memberships_tenant_id_user_id_pk: "A member with this email already exists in this tenant",
  users_email_key: "Another account already uses this email",
  teams_tenant_name_key: "A team with this displayName already exists in this tenant",
  teams_tenant_external_key: "A group with this externalId already exists in this tenant",
};

const uniqueConflictOf = (error: unknown): string | undefined => Object.entries(UNIQUE_CONSTRAINTS).find(([name]) => isUniqueViolation(error, name))?.[1];

export function scimErrorBody(error: unknown): { status: number; body: Record<string, unknown> } {
  let scim: ScimError;
  if (error instanceof ScimError) scim = error;
  else if (uniqueConflictOf(error)) scim = scimUniqueness(uniqueConflictOf(error)!);
  else if (error instanceof AppError) scim = new ScimError(error.status, error.message, error.status === 400 || error.status === 422 ? "invalidValue" : undefined);
  else {
    logger.error({ err: error }, "scim request failed");
    scim = new ScimError(500, "Something went wrong on our side");
  }
  // SCIM has no 422: a semantically invalid body is a 400 with a scimType.
  const status = scim.status === 422 ? 400 : scim.status;
  return {
    status,
    body: { schemas: [SCIM_ERROR_SCHEMA], status: String(status), ...(scim.scimType ? { scimType: scim.scimType } : {}), detail: scim.message },
  };
}
