import { AppError } from "./errors";

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
      if (id === null) throw new AppError("request/invalid", "The request has invalid fields", { fields: [{ field: "cursor", message: "Not a cursor from this API" }] });
      return id;
    },
    encode: (id: number): string => prefix + Buffer.from(String(id)).toString("base64url"),
  };
}
