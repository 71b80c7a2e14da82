"use server";

/** The dead-link page's "Request access" form (bound to the page's token), with the share forms' Origin check. */
import { headers } from "next/headers";
import { submitAccessRequest, type RequestAccessState } from "@/lib/access-requests/form";
import { clientIpFrom } from "@/lib/api/client-ip";
import { setResponseStatus } from "@/lib/http/response-context";
import { crossOriginFormRefusal } from "@/lib/sharing/page";

export async function requestAccessAction(token: string, _previous: RequestAccessState, form: FormData): Promise<RequestAccessState> {
  const headerList = await headers();
  const refused = crossOriginFormRefusal(headerList);
  if (refused) return refused;
  const state = await submitAccessRequest({ token, ip: clientIpFrom(headerList) }, form);
  if (state.status && state.status >= 400) setResponseStatus(state.status, state.retryAfterSeconds ? { "retry-after": String(state.retryAfterSeconds) } : {});
  return state;
}
