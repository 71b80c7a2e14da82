/**
 * Audit payloads as readable field lists: an update's before/after becomes the fields that
 * changed; any other payload its fields. Pure (the audit page and its tests use it).
 */
export type FieldChange = { field: string; before: string; after: string };
export type FieldValue = { field: string; value: string };

const show = (value: unknown): string => {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
};

/** Nested objects become dotted paths ("principal.name"); arrays stay one value. */
export function flatten(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    out.set(prefix || "value", show(value));
    return out;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0 && prefix) out.set(prefix, "—");
  for (const [key, v] of entries) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) for (const [p, s] of flatten(v, path)) out.set(p, s);
    else out.set(path, show(v));
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** The changed fields of a `{before, after}` payload, or null when the payload is not one. */
export function payloadChanges(payload: unknown): FieldChange[] | null {
  if (!isObject(payload) || !isObject(payload.before) || !isObject(payload.after)) return null;
  const before = flatten(payload.before);
  const after = flatten(payload.after);
  const fields = [...new Set([...before.keys(), ...after.keys()])];
  const changes = fields
    .filter((f) => before.get(f) !== after.get(f))
    .map((f) => ({ field: f, before: before.get(f) ?? "—", after: after.get(f) ?? "—" }));
  // Other top-level members (e.g. password_changed) say something the diff cannot show.
  for (const [key, value] of Object.entries(payload)) {
    if (key !== "before" && key !== "after" && value !== false && value !== null) changes.push({ field: key, before: "", after: show(value) });
  }
  return changes;
}

export function payloadFields(payload: unknown): FieldValue[] {
  return [...flatten(payload)].map(([field, value]) => ({ field, value }));
}

/** "grant.created" → "Grant created". */
export const actionLabel = (action: string): string => {
  const text = action.replace(/[._]/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
};
