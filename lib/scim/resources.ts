/**
 * SCIM JSON for Users and Groups, list responses, paging parameters and the
 * `attributes`/`excludedAttributes` projection (RFC 7644 §3.4.2.5, §3.9).
 */
import { scimBaseUrl } from "@/lib/scim-tokens/service";
import { scimInvalidValue } from "./errors";
import type { ScimUserRow } from "./repo";
import { CORE_GROUP, CORE_USER, DEFAULT_COUNT, ENTERPRISE_USER, LIST_RESPONSE, MAX_RESULTS } from "./schemas";

export type Resource = Record<string, unknown> & { id: string; schemas: string[] };

const ALWAYS_RETURNED = new Set(["id", "schemas"]);

export const userLocation = (id: string) => `${scimBaseUrl()}/Users/${id}`;
export const groupLocation = (id: string) => `${scimBaseUrl()}/Groups/${id}`;

/** What SCIM stores about a member beyond the columns: name parts, title, enterprise attributes. */
export type ScimUserAttributes = {
  displayName?: string | null;
  name?: Record<string, string | null | undefined> | null;
  nickName?: string | null;
  title?: string | null;
  userType?: string | null;
  preferredLanguage?: string | null;
  locale?: string | null;
  timezone?: string | null;
  enterprise?: Record<string, unknown> | null;
};

const compact = <T extends Record<string, unknown>>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && !(typeof v === "object" && Object.keys(v as object).length === 0))) as Partial<T>;

export function userResource(row: ScimUserRow): Resource {
  const attrs = (row.scimAttributes ?? {}) as ScimUserAttributes;
  const enterprise = compact((attrs.enterprise ?? {}) as Record<string, unknown>);
  const hasEnterprise = Object.keys(enterprise).length > 0;
  return {
    schemas: hasEnterprise ? [CORE_USER, ENTERPRISE_USER] : [CORE_USER],
    id: row.id,
    ...compact({
      externalId: row.externalId,
      userName: row.userName ?? row.email,
      name: attrs.name ? compact(attrs.name) : null,
      displayName: attrs.displayName ?? row.name,
      nickName: attrs.nickName,
      title: attrs.title,
      userType: attrs.userType,
      preferredLanguage: attrs.preferredLanguage,
      locale: attrs.locale,
      timezone: attrs.timezone,
    }),
    active: row.active,
    emails: [{ value: row.email, type: "work", primary: true }],
    ...(hasEnterprise ? { [ENTERPRISE_USER]: enterprise } : {}),
    meta: { resourceType: "User", created: row.createdAt.toISOString(), lastModified: row.updatedAt.toISOString(), location: userLocation(row.id) },
  };
}

export type GroupRow = { id: string; name: string; externalId: string | null; createdAt: Date; updatedAt: Date };
export type MemberRow = { userId: string; name: string };

export function groupResource(row: GroupRow, members: MemberRow[] | null): Resource {
  return {
    schemas: [CORE_GROUP],
    id: row.id,
    ...compact({ externalId: row.externalId }),
    displayName: row.name,
    ...(members ? { members: members.map((m) => ({ value: m.userId, display: m.name, $ref: userLocation(m.userId), type: "User" })) } : {}),
    meta: { resourceType: "Group", created: row.createdAt.toISOString(), lastModified: row.updatedAt.toISOString(), location: groupLocation(row.id) },
  };
}

export function listResponse(resources: Resource[], totalResults: number, startIndex: number) {
  return { schemas: [LIST_RESPONSE], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}

export type ListParams = { filter: string | null; startIndex: number; count: number; attributes: string[] | null; excluded: string[] };

function integerParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw.trim() === "") return fallback;
  if (!/^-?\d{1,9}$/.test(raw.trim())) throw scimInvalidValue(`${name} must be an integer`);
  return Number(raw);
}

const attributeList = (raw: string | null) =>
  raw
    ? raw
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : null;

export function listParams(query: URLSearchParams): ListParams {
  // RFC 7644 §3.4.2.4: startIndex below 1 means 1; a negative count means 0.
  const startIndex = Math.max(1, integerParam(query, "startIndex", 1));
  const count = Math.max(0, integerParam(query, "count", DEFAULT_COUNT));
  if (count > MAX_RESULTS) throw scimInvalidValue(`count may be at most ${MAX_RESULTS} (see /ServiceProviderConfig filter.maxResults)`);
  return { filter: query.get("filter"), startIndex, count, attributes: attributeList(query.get("attributes")), excluded: attributeList(query.get("excludedAttributes")) ?? [] };
}

export const projectionOf = (query: URLSearchParams) => ({
  attributes: attributeList(query.get("attributes")),
  excluded: attributeList(query.get("excludedAttributes")) ?? [],
});

/** Whether the projection asks for this top-level attribute (so its rows are worth loading). */
export function wants(projection: { attributes: string[] | null; excluded: string[] }, attribute: string): boolean {
  const name = attribute.toLowerCase();
  const matches = (a: string) => a.toLowerCase() === name || a.toLowerCase().startsWith(`${name}.`);
  if (projection.excluded.some((a) => a.toLowerCase() === name)) return false;
  return projection.attributes === null || projection.attributes.some(matches);
}

/** Splits `urn:…:User:department` into the extension URN and `department`; core paths stay whole. */
function splitPath(path: string, resource: Resource): string[] {
  const lower = path.toLowerCase();
  for (const urn of resource.schemas) {
    const u = urn.toLowerCase();
    if (lower === u) return [urn];
    if (lower.startsWith(`${u}:`)) {
      const rest = path.slice(urn.length + 1).split(".");
      return urn === resource.schemas[0] ? rest : [urn, ...rest];
    }
  }
  return path.split(".");
}

const findKey = (o: Record<string, unknown>, name: string) => Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase());

export function project(resource: Resource, projection: { attributes: string[] | null; excluded: string[] }): Resource {
  let out: Record<string, unknown> = resource;
  if (projection.attributes) {
    out = { schemas: resource.schemas, id: resource.id };
    for (const path of projection.attributes) {
      const [top, sub] = splitPath(path, resource);
      const key = top && findKey(resource, top);
      if (!key || ALWAYS_RETURNED.has(key)) continue;
      const value = resource[key];
      if (!sub || typeof value !== "object" || value === null) {
        out[key] = value;
        continue;
      }
      const pick = (o: Record<string, unknown>) => {
        const k = findKey(o, sub);
        return k ? { [k]: o[k] } : {};
      };
      const previous = out[key];
      out[key] = Array.isArray(value)
        ? value.map((item, i) => ({ ...((Array.isArray(previous) ? previous[i] : {}) as object), ...pick(item as Record<string, unknown>) }))
        : { ...((previous as object) ?? {}), ...pick(value as Record<string, unknown>) };
    }
  }
  if (projection.excluded.length > 0) {
    out = { ...out };
    for (const path of projection.excluded) {
      const [top, sub] = splitPath(path, resource);
      const key = top && findKey(out, top);
      if (!key || ALWAYS_RETURNED.has(key)) continue;
      const value = out[key];
      if (!sub || typeof value !== "object" || value === null) {
        delete out[key];
        continue;
      }
      const drop = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => k.toLowerCase() !== sub.toLowerCase()));
      out[key] = Array.isArray(value) ? value.map((item) => drop(item as Record<string, unknown>)) : drop(value as Record<string, unknown>);
    }
  }
  return out as Resource;
}
