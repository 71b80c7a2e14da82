import { json, withShare } from "@/lib/api/handler";
import { requestAccess } from "@/lib/access-requests/service";
import { AccessRequestInput } from "@/lib/access-requests/schemas";

/** From an expired or revoked link: 202 whether this is the first request or a repeat. */
export const POST = withShare({ passFrom: "bearer", body: AccessRequestInput }, async ({ share, body }) => {
  await requestAccess(share, body);
  return json({ status: "sent" }, { status: 202 });
});
