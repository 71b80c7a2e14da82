/**
 * Discovery documents (RFC 7643 §5-7, RFC 7644 §4): what this service provider supports and
 * the attributes it stores. Static, the same for every tenant.
 */
import { scimBaseUrl } from "@/lib/scim-tokens/service";
import { scimNotFound } from "./errors";
import { CORE_GROUP, CORE_USER, ENTERPRISE_USER, LIST_RESPONSE, MAX_RESULTS } from "./schemas";

const SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

export function serviceProviderConfig() {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: `${scimBaseUrl().replace(/\/scim\/v2$/, "")}/docs/api#scim`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      { type: "oauthbearertoken", name: "Bearer token", description: "A SCIM token from Settings → Identity provider, sent as Authorization: Bearer", primary: true },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${scimBaseUrl()}/ServiceProviderConfig` },
  };
}

function resourceType(id: "User" | "Group") {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id,
    name: id,
    endpoint: `/${id}s`,
    description: id === "User" ? "Members of the tenant" : "Teams synced from the identity provider",
    schema: id === "User" ? CORE_USER : CORE_GROUP,
    ...(id === "User" ? { schemaExtensions: [{ schema: ENTERPRISE_USER, required: false }] } : {}),
    meta: { resourceType: "ResourceType", location: `${scimBaseUrl()}/ResourceTypes/${id}` },
  };
}

export const resourceTypes = () => list([resourceType("User"), resourceType("Group")]);
export function resourceTypeById(id: string) {
  if (id !== "User" && id !== "Group") throw scimNotFound("Resource");
  return resourceType(id);
}

type AttrOptions = { type?: string; multiValued?: boolean; required?: boolean; caseExact?: boolean; mutability?: string; returned?: string; uniqueness?: string; subAttributes?: unknown[] };
const attr = (name: string, description: string, o: AttrOptions = {}) => ({
  name,
  type: o.type ?? "string",
  multiValued: o.multiValued ?? false,
  description,
  required: o.required ?? false,
  ...(o.type === "complex" || o.type === "boolean" || o.type === "dateTime" ? {} : { caseExact: o.caseExact ?? false }),
  mutability: o.mutability ?? "readWrite",
  returned: o.returned ?? "default",
  uniqueness: o.uniqueness ?? "none",
  ...(o.subAttributes ? { subAttributes: o.subAttributes } : {}),
});

const userSchema = {
  id: CORE_USER,
  name: "User",
  description: "A member of the tenant",
  attributes: [
    attr("userName", "Unique within the tenant (case-insensitive)", { required: true, uniqueness: "server" }),
    attr("name", "The user's name parts", {
      type: "complex",
      subAttributes: ["formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"].map((n) => attr(n, n)),
    }),
    attr("displayName", "Shown in the app"),
    attr("nickName", "Casual name"),
    attr("title", "Job title"),
    attr("userType", "Relationship to the organisation"),
    attr("preferredLanguage", "Preferred language"),
    attr("locale", "Locale"),
    attr("timezone", "Time zone"),
    attr("active", "false deactivates the user in this tenant: access, sessions and API tokens end", { type: "boolean" }),
    attr("emails", "The account's email (one, type work, primary); the first primary email sent is used", {
      type: "complex",
      multiValued: true,
      subAttributes: [attr("value", "Email address"), attr("type", "work"), attr("primary", "Primary", { type: "boolean" })],
    }),
  ],
};

const enterpriseSchema = {
  id: ENTERPRISE_USER,
  name: "EnterpriseUser",
  description: "Enterprise attributes stored with the member",
  attributes: [
    ...["employeeNumber", "costCenter", "organization", "division", "department"].map((n) => attr(n, n)),
    attr("manager", "The user's manager", { type: "complex", subAttributes: [attr("value", "Manager id"), attr("displayName", "Manager name", { mutability: "readOnly" })] }),
  ],
};

const groupSchema = {
  id: CORE_GROUP,
  name: "Group",
  description: "A team with source scim: read-only in the app",
  attributes: [
    attr("displayName", "The team's name, unique within the tenant (case-insensitive)", { required: true, uniqueness: "server" }),
    attr("members", "Users of this tenant", {
      type: "complex",
      multiValued: true,
      subAttributes: [attr("value", "User id", { mutability: "immutable", caseExact: true }), attr("display", "User name", { mutability: "readOnly" }), attr("type", "User", { mutability: "immutable" })],
    }),
  ],
};

const withMeta = (s: { id: string }) => ({ schemas: [SCHEMA_SCHEMA], ...s, meta: { resourceType: "Schema", location: `${scimBaseUrl()}/Schemas/${s.id}` } });
const ALL_SCHEMAS = [userSchema, enterpriseSchema, groupSchema];

export const schemasList = () => list(ALL_SCHEMAS.map(withMeta));
export function schemaById(id: string) {
  const found = ALL_SCHEMAS.find((s) => s.id === id);
  if (!found) throw scimNotFound("Resource");
  return withMeta(found);
}

function list<T>(resources: T[]) {
  return { schemas: [LIST_RESPONSE], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}
