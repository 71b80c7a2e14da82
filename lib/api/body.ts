/**
 * Request bodies read with a bound (SECURITY 30): a declared Content-Length over the limit is
 * refused before any byte is read, and a body without one (chunked) is read only until it
 * passes the limit, then the stream is cancelled. Either way: 413, and nothing is buffered
 * beyond the limit.
 */
import { AppError } from "./errors";

import { MAX_FORM_BODY_BYTES, MAX_JSON_BODY_BYTES } from "./body-limits";

export { MAX_FORM_BODY_BYTES, MAX_JSON_BODY_BYTES };

const tooLarge = (max: number) => new AppError("request/too-large", `The request body is larger than ${Math.floor(max / 1024)} KB`);

export async function readBoundedText(req: Request, maxBytes: number): Promise<string> {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** A urlencoded form body, bounded the same way (share-page forms). */
export async function readBoundedForm(req: Request, maxBytes = MAX_FORM_BODY_BYTES): Promise<URLSearchParams> {
  return new URLSearchParams(await readBoundedText(req, maxBytes));
}
