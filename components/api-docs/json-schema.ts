/**
 * Reading the OpenAPI document's JSON Schemas for the API reference page: a field's type,
 * its constraints in words, and an example value for the curl snippets. Pure.
 */
export type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
  description?: string;
};

const variants = (s: JsonSchema) => s.anyOf ?? s.oneOf;

export function describeType(schema: JsonSchema): string {
  const alternatives = variants(schema);
  if (alternatives) return [...new Set(alternatives.map(describeType))].join(" or ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.type === "array" && schema.items) return `array of ${describeType(schema.items)}`;
  const base = Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "any");
  return schema.format ? `${base} (${schema.format})` : base;
}

/** "1–200 characters, default "view"", from whichever constraints the schema has. */
export function describeConstraints(schema: JsonSchema): string[] {
  const parts: string[] = [];
  const range = (min: number | undefined, max: number | undefined, unit: string) => {
    if (min !== undefined && max !== undefined) parts.push(`${min}–${max} ${unit}`);
    else if (min !== undefined) parts.push(`at least ${min} ${unit}`);
    else if (max !== undefined) parts.push(`at most ${max} ${unit}`);
  };
  range(schema.minLength, schema.maxLength, "characters");
  range(schema.minItems, schema.maxItems, "items");
  range(schema.minimum, schema.maximum, "(number)");
  if (schema.pattern) parts.push(`matches \`${schema.pattern}\``);
  for (const alternative of variants(schema) ?? []) parts.push(...describeConstraints(alternative));
  if (schema.type === "array" && schema.items?.enum) parts.push(`each one of ${schema.items.enum.map((v) => `\`${String(v)}\``).join(", ")}`);
  if (schema.default !== undefined) parts.push(`default \`${JSON.stringify(schema.default)}\``);
  return [...new Set(parts)];
}

/** Fields of an object schema, nested objects flattened to dotted names. */
export function flattenFields(schema: JsonSchema | null, prefix = ""): { name: string; schema: JsonSchema; required: boolean }[] {
  if (!schema) return [];
  const object = schema.properties ? schema : variants(schema)?.find((v) => v.properties);
  const required = new Set(object?.required ?? []);
  return Object.entries(object?.properties ?? {}).flatMap(([key, field]) => {
    const name = prefix ? `${prefix}.${key}` : key;
    const row = { name, schema: field, required: required.has(key) && field.default === undefined };
    return field.properties ? [row, ...flattenFields(field, name)] : [row];
  });
}

const EXAMPLE_BY_FORMAT: Record<string, string> = {
  uuid: "00000000-0000-4000-8000-000000000000",
  email: "jane@example.com",
  "date-time": "2026-12-31T17:00:00Z",
  date: "2026-12-31",
  uri: "https://example.com",
};

/** A plausible value for a schema: what a curl example sends. */
export function exampleValue(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alternative = variants(schema)?.find((v) => v.type !== "null");
  if (alternative) return exampleValue(alternative);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "string") return (schema.format && EXAMPLE_BY_FORMAT[schema.format]) ?? "text";
  if (type === "integer" || type === "number") return schema.minimum ?? 0;
  if (type === "boolean") return true;
  if (type === "array") return schema.items ? [exampleValue(schema.items)] : [];
  if (type === "object" || schema.properties) return exampleBody(schema);
  return null;
}

/** The required fields (or, when none are required, the first two) with example values. */
export function exampleBody(schema: JsonSchema): Record<string, unknown> {
  const object = schema.properties ? schema : (variants(schema)?.find((v) => v.properties) ?? schema);
  const entries = Object.entries(object.properties ?? {});
  const required = new Set(object.required ?? []);
  const chosen = entries.some(([k]) => required.has(k)) ? entries.filter(([k]) => required.has(k)) : entries.slice(0, 2);
  return Object.fromEntries(chosen.map(([k, v]) => [k, exampleValue(v)]));
}
