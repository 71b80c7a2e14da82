/**
 * The per-request part of the entry server (server.ts) that shapes responses: a fresh CSP
 * nonce handed to Next.js in the request, a response context for pages and actions
 * (lib/http/response-context), and the security headers of lib/http/security-headers put on
 * the response head whoever wrote it (a page, a route handler, Next.js itself).
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { responseContextStorage, type ResponseContext } from "./response-context";
import { requestCspWithNonce, responseKindOf, securityHeaders } from "./security-headers";

export type EntryOptions = { https: boolean; dev: boolean; appOrigin: string };

/** Runs `handle` for one request with its nonce, response context and security headers. */
export function withResponsePolicy<T>(req: IncomingMessage, res: ServerResponse, options: EntryOptions, handle: () => T): T {
  const nonce = randomBytes(16).toString("base64");
  // Next.js takes the nonce from the request's CSP; a client-sent one never gets that far.
  req.headers["content-security-policy"] = requestCspWithNonce(nonce);
  delete req.headers["content-security-policy-report-only"];
  const context: ResponseContext = { headers: {} };
  const pathname = (req.url ?? "/").split("?")[0]!;
  const kind = responseKindOf(pathname);
  // Share pages are no-referrer, so a browser posts their forms with `Origin: null`, which
  // Next.js's server-action check refuses. Sec-Fetch-Site (no page can set it) tells a
  // same-origin post apart: only that one is named for what it is, our own origin.
  if (kind === "share" && req.method === "POST" && req.headers.origin === "null" && req.headers["sec-fetch-site"] === "same-origin") {
    req.headers.origin = options.appOrigin;
  }
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => ServerResponse;

  res.writeHead = ((status: number, ...rest: unknown[]) => {
    // A page or action asked for another status: only over a plain 200 (never over a redirect
    // or an error Next.js decided on).
    const finalStatus = context.status !== undefined && status === 200 ? context.status : status;
    const headers = { ...context.headers, ...securityHeaders(kind, { nonce, https: options.https, dev: options.dev, frameAncestors: context.frameAncestors }) };
    for (const [key, value] of Object.entries(headers)) res.setHeader(key, value);
    const inline = rest.find((arg): arg is OutgoingHttpHeaders => typeof arg === "object" && arg !== null && !Array.isArray(arg));
    if (inline) for (const key of Object.keys(inline)) if (key.toLowerCase() in headers) delete inline[key];
    const args = finalStatus === status ? rest : rest.filter((arg) => typeof arg !== "string");
    return writeHead(finalStatus, ...args);
  }) as ServerResponse["writeHead"];

  return responseContextStorage().run(context, handle);
}
