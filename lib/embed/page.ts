/**
 * The embed-token side of the embed page (the page-side sibling of `withEmbed`): the request's
 * IP and user agent, the page's state, its status and the origins that may frame it.
 */
import { headers } from "next/headers";
import { clientIpFrom } from "@/lib/api/client-ip";
import { allowFramingBy, setResponseStatus } from "@/lib/http/response-context";
import { pocViewFromPublic, todayIso, type PocView } from "@/lib/pocs/view-model";
import type { GrantAction } from "@/db/schema";
import { loadEmbed, type EmbedErrorCode } from "./service";

export const embedPath = (token: string): string => `/embed/${encodeURIComponent(token)}`;

export type EmbedPage =
  | { kind: "view"; view: PocView; actions: GrantAction[]; watermark: string | null }
  | { kind: "error"; code: EmbedErrorCode };

export async function loadEmbedPage(token: string): Promise<EmbedPage> {
  const headerList = await headers();
  const state = await loadEmbed({ token, ip: clientIpFrom(headerList), userAgent: headerList.get("user-agent") });
  allowFramingBy(state.origins);
  if (state.kind === "error") {
    setResponseStatus(state.status);
    return { kind: "error", code: state.code };
  }
  return {
    kind: "view",
    view: pocViewFromPublic(state.view, { today: todayIso() }),
    actions: state.view.actions,
    watermark: state.view.viewer_email,
  };
}
