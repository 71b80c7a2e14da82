/**
 * What a page or server action wants its HTTP response to say beyond what Next.js lets it
 * set: a status other than 401/403/404 (429 with Retry-After on the share gates, 422 for a
 * bad form), and for embeds the origins allowed to frame it. The entry server (server.ts)
 * opens one context per request and applies it when the response head is written.
 *
 * The store lives on globalThis: server.ts and the bundled app code load this module as two
 * different module instances, and both must see the same AsyncLocalStorage.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export type ResponseContext = {
  /** The first status set wins: a server action's outcome runs before the page renders. */
  status?: number;
  headers: Record<string, string>;
  /** For embed responses only: the `frame-ancestors` sources of the grant being shown. */
  frameAncestors?: string[];
};

const KEY = Symbol.for("poc-manager.response-context");
type Holder = { [KEY]?: AsyncLocalStorage<ResponseContext> };

export function responseContextStorage(): AsyncLocalStorage<ResponseContext> {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= new AsyncLocalStorage<ResponseContext>());
}

/** Sets the response status (and headers) unless an earlier step of this request already did. */
export function setResponseStatus(status: number, headers: Record<string, string> = {}): void {
  const context = responseContextStorage().getStore();
  if (!context || context.status !== undefined) return;
  context.status = status;
  Object.assign(context.headers, headers);
}

/** Embeds: the origins (exact `https://host[:port]`) that may frame this response. */
export function allowFramingBy(origins: string[]): void {
  const context = responseContextStorage().getStore();
  if (context) context.frameAncestors = origins;
}
