import { ConfirmButton } from "@/components/ui/confirm-button";
import { ACTIONS_COLUMN, RowActions, TableCard } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import type { ActionResult } from "@/lib/auth/page";
import type { MemberInviteJson } from "@/lib/tenants/schemas";
import { invitationResentText, type EmailDelivery } from "@/components/sharing/share-copy";
import { ROLE_LABELS } from "./roles";
import { SendButton } from "./send-button";

type InviteAction = (inviteId: string) => Promise<ActionResult<unknown>>;

/** Settings → Members: invitations not accepted yet, each with Resend and a confirmed Revoke. */
export function PendingInvites({
  invites,
  resend,
  revoke,
  emailDelivery,
}: {
  invites: MemberInviteJson[];
  resend: InviteAction;
  revoke: InviteAction;
  /** Whether a resent invitation leaves the app (SMTP) or waits in Settings → Outbox. */
  emailDelivery: EmailDelivery;
}) {
  return (
    <TableCard
      headingId="invites-heading"
      className="invites-table"
      title="Pending invitations"
      columns={["Email", "Role", "Invited", "Status", ACTIONS_COLUMN]}
      empty={invites.length === 0 ? "No pending invitations. Invite someone above: they appear here until they accept." : null}
    >
      {invites.map((invite) => (
        // Keyed by email: Resend replaces the invitation (a new id), and its row, with the
        // "sent again" it shows, must stay the same row (one open invitation per email).
        <tr key={invite.email}>
          <th scope="row">{invite.email}</th>
          <td>{ROLE_LABELS[invite.role]}</td>
          <td>
            <LocalTime value={invite.created_at} />
            {invite.invited_by ? <span className="muted small"> by {invite.invited_by}</span> : null}
          </td>
          <td>
            {invite.expired ? (
              <span className="badge badge-member-inactive">Expired</span>
            ) : (
              <span className="muted small">
                Until <LocalTime value={invite.expires_at} />
              </span>
            )}
          </td>
          <RowActions>
            <SendButton label="Resend" ariaLabel={`Resend the invitation to ${invite.email}`} sentText={invitationResentText(emailDelivery)} send={resend.bind(null, invite.id)} />
            <ConfirmButton
              label="Revoke"
              ariaLabel={`Revoke the invitation to ${invite.email}`}
              className="btn btn-danger-ghost btn-sm"
              title={`Revoke the invitation to ${invite.email}?`}
              description={
                <p>
                  The link in the email stops working at once. You can invite <strong>{invite.email}</strong> again later.
                </p>
              }
              confirmLabel="Revoke"
              onConfirm={revoke.bind(null, invite.id)}
            />
          </RowActions>
        </tr>
      ))}
    </TableCard>
  );
}
