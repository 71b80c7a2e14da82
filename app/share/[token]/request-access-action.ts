"use server";

/** The dead-link page's "Request access" form (bound to the page's token), same Origin check as the share forms. */
import { headers } from "next/headers";
import { submitAccessRequest, type RequestAccessState } from "@/lib/access-requests/form";
import { clientIpFrom } from "@/lib/api/client-ip";
import { assertSameOrigin } from "@/lib/api/handler";
import { config } from "@/lib/config";
import { setResponseStatus } from "@/lib/http/response-context";

export async function requestAccessAction(token: string, _previous: RequestAccessState, form: FormData): Promise<RequestAccessState> {
  const headerList = await headers();
  try {
    assertSameOrigin(new Request(config().appUrl, { headers: headerList }), { opaqueSameOrigin: true });
  } catch {
    setResponseStatus(403);
    return { message: "This form must be sent from the page itself. Reload the page and try again." };
  }
  const state = await submitAccessRequest({ token, ip: clientIpFrom(headerList) }, form);
  if (state.status && state.status >= 400) setResponseStatus(state.status, state.retryAfterSeconds ? { "retry-after": String(state.retryAfterSeconds) } : {});
  return state;
}
