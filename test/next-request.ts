/**
 * Runs share-page code (loadSharePage, the share form actions) the way Next.js would for one
 * request: `next/headers` answers from the given headers and cookie, cookies the code sets
 * are collected, a redirect is caught, and the status the page asked for is read from the
 * response context the entry server would apply.
 *
 * Test files mock next/headers with `nextHeadersMock` (vi.mock is per file):
 *   vi.mock("next/headers", async () => (await import("../next-request")).nextHeadersMock);
 */
import { responseContextStorage, type ResponseContext } from "@/lib/http/response-context";

type SetCookie = { name: string; value: string; options: Record<string, unknown> };
type Current = { headers: Headers; cookies: Map<string, string>; set: SetCookie[] };

let current: Current | null = null;

function need(): Current {
  if (!current) throw new Error("next/headers used outside onRequest()");
  return current;
}

export const nextHeadersMock = {
  headers: async () => need().headers,
  cookies: async () => ({
    get: (name: string) => {
      const value = need().cookies.get(name);
      return value === undefined ? undefined : { name, value };
    },
    set: (name: string, value: string, options: Record<string, unknown> = {}) => {
      need().set.push({ name, value, options });
    },
  }),
};

export type RequestResult<T> = {
  result: T | undefined;
  status: number;
  headers: Record<string, string>;
  redirect: string | null;
  setCookies: SetCookie[];
  /** Embeds: the origins the page allowed to frame it (null: it did not say). */
  frameAncestors: string[] | null;
};

export async function onRequest<T>(request: { headers?: Record<string, string>; cookie?: string }, run: () => Promise<T>): Promise<RequestResult<T>> {
  const cookies = new Map<string, string>();
  for (const part of (request.cookie ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name) cookies.set(name, rest.join("="));
  }
  current = { headers: new Headers(request.headers ?? {}), cookies, set: [] };
  const context: ResponseContext = { headers: {} };
  try {
    const result = await responseContextStorage().run(context, run);
    return { result, status: context.status ?? 200, headers: context.headers, redirect: null, setCookies: current.set, frameAncestors: context.frameAncestors ?? null };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT;")) throw error;
    // NEXT_REDIRECT;<type>;<url>;<status>;
    const [, , url, status] = digest.split(";");
    return { result: undefined, status: Number(status), headers: context.headers, redirect: url!, setCookies: current.set, frameAncestors: context.frameAncestors ?? null };
  } finally {
    current = null;
  }
}
