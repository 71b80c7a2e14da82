import type { IncomingMessage, ServerResponse } from "node:http";
import { countHttpRequest } from "./registry";
import { routeKind } from "./route-kind";

/**
 * Times one request in the entry server, from arrival to the last byte (or the client going
 * away: counted as 499, as proxies do), under its route kind.
 */
export function instrumentRequest(req: IncomingMessage, res: ServerResponse): void {
  const started = process.hrtime.bigint();
  const kind = routeKind(req.url);
  res.once("close", () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    countHttpRequest(kind, req.method ?? "GET", res.writableFinished ? res.statusCode : 499, seconds);
  });
}
