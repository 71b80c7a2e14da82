/**
 * PATCH (RFC 7644 §3.5.2) for the shapes Okta and Entra send. Attribute operations go
 * through scim-patch on the resource's JSON; Group `members` operations become set operations
 * in SQL (see groups.ts), so a membership change never loads the whole group.
 */
import { scimPatch, ScimError as PatchLibError, type ScimPatchOperation, type ScimResource } from "scim-patch";
import { ScimError, parseScim } from "./errors";
import { PatchRequest, type PatchOperation } from "./schemas";
import type { Resource } from "./resources";

export function parsePatch(body: unknown): PatchOperation[] {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ScimError(400, "A PATCH body is a PatchOp message", "invalidSyntax");
  return parseScim(PatchRequest, body).Operations;
}

/** A path's attribute with the core schema URN stripped: `urn:…:core:2.0:User:userName` → `userName`. */
export function stripCoreUrn(path: string, coreUrn: string): string {
  return path.toLowerCase().startsWith(`${coreUrn.toLowerCase()}:`) ? path.slice(coreUrn.length + 1) : path;
}

/**
 * Applies attribute operations to `resource` and returns the result. `id` and `meta` are
 * read-only: an operation that would change them is 400 mutability, nothing applied.
 */
export function applyAttributeOps(resource: Resource, ops: PatchOperation[]): Record<string, unknown> {
  if (ops.length === 0) return resource;
  const before = JSON.stringify({ id: resource.id, meta: resource.meta });
  let patched: Record<string, unknown>;
  try {
    const copy = structuredClone(resource) as unknown as ScimResource;
    patched = scimPatch(copy, ops as unknown as ScimPatchOperation[], { treatMissingAsAdd: true }) as unknown as Record<string, unknown>;
  } catch (error) {
    if (error instanceof PatchLibError) throw new ScimError(400, error.message, scimTypeOf(error));
    throw new ScimError(400, `The PATCH operation could not be applied: ${(error as Error).message}`, "invalidValue");
  }
  if (JSON.stringify({ id: patched.id, meta: patched.meta }) !== before) throw new ScimError(400, "id and meta are read-only", "mutability");
  return patched;
}

function scimTypeOf(error: PatchLibError): "noTarget" | "invalidPath" | "invalidValue" | "invalidSyntax" {
  const type = (error as { scimCode?: string }).scimCode;
  return type === "noTarget" || type === "invalidPath" || type === "invalidSyntax" ? type : "invalidValue";
}
