/**
 * Server-action bodies over the limit (SECURITY 30): Next.js stops reading them at
 * `serverActions.bodySizeLimit` but answers 500. The entry server refuses a declared
 * Content-Length over the same limit first, with the API's 413 problem, before any byte is
 * read. (A body without Content-Length is still cut off by Next at the limit.)
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_JSON_BODY_BYTES } from "@/lib/api/body-limits";

export function refuseOversizedAction(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "POST" || req.headers["next-action"] === undefined) return false;
  const declared = req.headers["content-length"];
  if (!declared || !/^\d+$/.test(declared) || Number(declared) <= MAX_JSON_BODY_BYTES) return false;
  const body = JSON.stringify({
    type: "https://poc-manager.dev/problems/request/too-large",
    title: "Request body too large",
    status: 413,
    code: "request/too-large",
    detail: `The request body is larger than ${Math.floor(MAX_JSON_BODY_BYTES / 1024)} KB`,
  });
  // The client is told not to send the rest; the socket closes after the answer.
  res.writeHead(413, { "content-type": "application/problem+json", "content-length": Buffer.byteLength(body), connection: "close" }).end(body);
  return true;
}
