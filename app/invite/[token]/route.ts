import { inviteStatusResponse } from "@/components/invite/invite-status-page";
import { inspectInvite } from "@/lib/invites/service";

/**
 * An invitation link. Open: on to the page that creates the account or accepts it. Anything
 * else answers here with its status: 404 unknown, 410 used, expired or gone with its grant.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const invite = await inspectInvite(token);
  if (invite.state !== "open") return inviteStatusResponse(invite);
  return new Response(null, {
    status: 303,
    headers: { location: `/invite/${encodeURIComponent(token)}/accept`, "cache-control": "private, no-store", "referrer-policy": "no-referrer" },
  });
}
