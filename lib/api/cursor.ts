import type { z } from "zod";
import { AppError } from "./errors";

const invalidCursor = () => new AppError("request/invalid", "The request has invalid fields", { fields: [{ field: "cursor", message: "Not a cursor from this API" }] });

/**
 * Opaque keyset cursors: a row id behind a per-API prefix, base64url-encoded. Clients pass
 * `next` back unchanged; anything else decodes to null (the caller answers 422). Pure.
 */
export function keysetCursor(prefix: string) {
  const decode = (cursor: string): number | null => {
    if (!cursor.startsWith(prefix)) return null;
    const text = Buffer.from(cursor.slice(prefix.length), "base64url").toString();
    const id = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
    return Number.isSafeInteger(id) && id > 0 ? id : null;
  };
  return {
    decode,
    /** The id, or a 422 naming the `cursor` field. */
    decodeOrThrow(cursor: string): number {
      const id = decode(cursor);
      if (id === null) throw invalidCursor();
      return id;
    },
    encode: (id: number): string => prefix + Buffer.from(String(id)).toString("base64url"),
  };
}

/**
 * Keyset cursors over several sort keys (the last row's values, ties broken by its id): JSON
 * behind a per-API prefix, base64url-encoded, checked against `schema` when read back. Pure.
 */
export function tupleCursor<S extends z.ZodType>(prefix: string, schema: S) {
  const decode = (cursor: string): z.infer<S> | null => {
    if (!cursor.startsWith(prefix)) return null;
    try {
      const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor.slice(prefix.length), "base64url").toString()));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };
  return {
    decode,
    /** The keys, or a 422 naming the `cursor` field. */
    decodeOrThrow(cursor: string): z.infer<S> {
      const keys = decode(cursor);
      if (keys === null) throw invalidCursor();
      return keys;
    },
    encode: (keys: z.infer<S>): string => prefix + Buffer.from(JSON.stringify(keys)).toString("base64url"),
  };
}
