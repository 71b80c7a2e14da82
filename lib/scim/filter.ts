/**
 * SCIM filters (RFC 7644 §3.4.2.2) parsed by scim2-parse-filter and translated to one SQL
 * condition over the resource's columns, so Postgres evaluates them with its indexes: nothing
 * is filtered in memory. Attribute names are case-insensitive; strings compare
 * case-insensitively unless the attribute is caseExact (externalId, id).
 */
import { sql, type SQL } from "drizzle-orm";
import { parse, type Filter } from "scim2-parse-filter";
import { scimInvalidFilter } from "./errors";

/**
 * How a column compares: `ci` (compare lower(column)), `lowered` (the column is stored
 * lower-case, so its plain index serves), `exact`, plus booleans, timestamps and uuids.
 */
export type AttrKind = "ci" | "lowered" | "exact" | "boolean" | "dateTime" | "uuid";
export type Attr = { column: SQL; kind: AttrKind };
/** A multi-valued attribute: its sub-attributes, and how a condition on them becomes one on the row. */
export type ComplexAttr = { sub: Record<string, Attr>; wrap: (condition: SQL) => SQL };
export type AttrMap = { schemaPrefixes: string[]; attrs: Record<string, Attr>; complex: Record<string, ComplexAttr> };

const MAX_FILTER_LENGTH = 2000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseFilter(text: string): Filter {
  if (text.length > MAX_FILTER_LENGTH) throw scimInvalidFilter(`The filter is longer than ${MAX_FILTER_LENGTH} characters`);
  try {
    return parse(text);
  } catch (error) {
    throw scimInvalidFilter(`The filter could not be parsed: ${(error as Error).message}`);
  }
}

/** The SQL condition for a SCIM filter over a resource described by `map`. */
export function filterToSql(text: string, map: AttrMap): SQL {
  return translate(parseFilter(text), map, map.attrs);
}

function normalisePath(path: string, map: AttrMap): string {
  const lower = path.toLowerCase();
  for (const prefix of map.schemaPrefixes) if (lower.startsWith(prefix)) return lower.slice(prefix.length);
  return lower;
}

function translate(f: Filter, map: AttrMap, attrs: Record<string, Attr>): SQL {
  switch (f.op) {
    case "and":
      return sql`(${sql.join(f.filters.map((x) => translate(x, map, attrs)), sql` and `)})`;
    case "or":
      return sql`(${sql.join(f.filters.map((x) => translate(x, map, attrs)), sql` or `)})`;
    case "not":
      return sql`not coalesce(${translate(f.filter, map, attrs)}, false)`;
    case "[]": {
      const complex = map.complex[normalisePath(f.attrPath, map)];
      if (!complex || attrs !== map.attrs) throw scimInvalidFilter(`Cannot filter on "${f.attrPath}"`);
      return complex.wrap(translate(f.valFilter, map, complex.sub));
    }
    default: {
      const path = normalisePath(f.attrPath, map);
      const direct = attrs[path];
      if (direct) return compare(direct, f.op, "compValue" in f ? f.compValue : undefined, f.attrPath);
      // `emails.value eq …` / `members.value eq …`: a sub-attribute of a multi-valued attribute.
      const dot = path.indexOf(".");
      const complex = dot > 0 && attrs === map.attrs ? map.complex[path.slice(0, dot)] : undefined;
      const sub = complex?.sub[path.slice(dot + 1)];
      if (!complex || !sub) throw scimInvalidFilter(`Unknown or unfilterable attribute "${f.attrPath}"`);
      return complex.wrap(compare(sub, f.op, "compValue" in f ? f.compValue : undefined, f.attrPath));
    }
  }
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

function compare(attr: Attr, op: string, value: unknown, path: string): SQL {
  const col = attr.column;
  if (op === "pr") return attr.kind === "boolean" || attr.kind === "dateTime" || attr.kind === "uuid" ? sql`(${col} is not null)` : sql`(${col} is not null and ${col} <> '')`;
  if (value === null) {
    if (op === "eq") return sql`(${col} is null)`;
    if (op === "ne") return sql`(${col} is not null)`;
    throw scimInvalidFilter(`"${op}" needs a value for "${path}"`);
  }
  switch (attr.kind) {
    case "boolean": {
      // Entra sends booleans as strings ("True") in PATCH values; accept them in filters too.
      const b = typeof value === "boolean" ? value : typeof value === "string" && /^(true|false)$/i.test(value) ? value.toLowerCase() === "true" : undefined;
      if (b === undefined || (op !== "eq" && op !== "ne")) throw scimInvalidFilter(`"${path}" is a boolean: use eq or ne with true or false`);
      return op === "eq" ? sql`(${col} = ${b})` : sql`(${col} <> ${b})`;
    }
    case "dateTime": {
      const date = typeof value === "string" ? new Date(value) : null;
      if (!date || Number.isNaN(date.getTime())) throw scimInvalidFilter(`"${path}" is a dateTime: compare it with an ISO 8601 string`);
      const iso = date.toISOString();
      const ops: Record<string, SQL> = {
        eq: sql`(${col} = ${iso}::timestamptz)`,
        ne: sql`(${col} <> ${iso}::timestamptz)`,
        gt: sql`(${col} > ${iso}::timestamptz)`,
        ge: sql`(${col} >= ${iso}::timestamptz)`,
        lt: sql`(${col} < ${iso}::timestamptz)`,
        le: sql`(${col} <= ${iso}::timestamptz)`,
      };
      const condition = ops[op];
      if (!condition) throw scimInvalidFilter(`"${op}" does not apply to the dateTime "${path}"`);
      return condition;
    }
    case "uuid": {
      if (op !== "eq" && op !== "ne") throw scimInvalidFilter(`"${path}" supports eq, ne and pr`);
      const id = typeof value === "string" && UUID.test(value) ? value.toLowerCase() : null;
      // An id that is no uuid names nothing here: eq matches no row (an empty list, not an error).
      if (id === null) return op === "eq" ? sql`false` : sql`true`;
      return op === "eq" ? sql`(${col} = ${id}::uuid)` : sql`(${col} <> ${id}::uuid)`;
    }
    default:
      return compareString(attr, op, value, path);
  }
}

function compareString(attr: Attr, op: string, value: unknown, path: string): SQL {
  if (typeof value !== "string" && typeof value !== "number") throw scimInvalidFilter(`"${path}" is a string: compare it with a string`);
  const raw = String(value);
  const folded = attr.kind === "exact" ? raw : raw.toLowerCase();
  const col = attr.kind === "ci" ? sql`lower(${attr.column})` : attr.column;
  switch (op) {
    case "eq":
      return sql`(${col} = ${folded})`;
    case "ne":
      return sql`(${col} is null or ${col} <> ${folded})`;
    case "co":
      return sql`(${col} like ${`%${escapeLike(folded)}%`})`;
    case "sw":
      return sql`(${col} like ${`${escapeLike(folded)}%`})`;
    case "ew":
      return sql`(${col} like ${`%${escapeLike(folded)}`})`;
    case "gt":
      return sql`(${col} > ${folded})`;
    case "ge":
      return sql`(${col} >= ${folded})`;
    case "lt":
      return sql`(${col} < ${folded})`;
    case "le":
      return sql`(${col} <= ${folded})`;
    default:
      throw scimInvalidFilter(`Unknown operator "${op}"`);
  }
}
