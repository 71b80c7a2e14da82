/** The HTTP answer carrying an export: an attachment named for the viewer, never cached. */
import type { ExportFile } from "./service";

export function exportResponse(file: ExportFile): Response {
  const ascii = file.filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(file.bytes as BodyInit, {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.bytes.byteLength),
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "x-export-id": file.exportId,
    },
  });
}
