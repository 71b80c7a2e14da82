import Link from "next/link";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ACTIONS_COLUMN, RowActions, TableCard } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { actionsSummary } from "@/components/sharing/format";
import type { GrantAction } from "@/components/sharing/api";
import type { ActionResult } from "@/lib/auth/page";
import type { ExternalGuestJson } from "@/lib/tenants/schemas";

/** Settings → Members: people outside the tenant who signed up through an invitation, with what they see. */
export function ExternalGuests({ guests, tenantName, remove }: { guests: ExternalGuestJson[]; tenantName: string; remove: (userId: string) => Promise<ActionResult<unknown>> }) {
  return (
    <TableCard
      headingId="guests-heading"
      className="guests-table"
      title="External guests"
      columns={["Name", "Email", "Shared with them", ACTIONS_COLUMN]}
      empty={guests.length === 0 ? "No external guests. People you share a POC with who are not members appear here once they sign up." : null}
    >
      {guests.map((guest) => (
        <tr key={guest.id}>
          <th scope="row">
            {guest.name}
            <span className="tag">External guest</span>
          </th>
          <td>{guest.email}</td>
          <td>
            <ul className="bare-list plain-list">
              {guest.shared.map((s) => (
                <li key={s.grant_id}>
                  <Link href={`/pocs/${s.poc_id}`}>{s.poc_title}</Link>
                  <span className="muted small">
                    {" "}
                    · {actionsSummary(s.actions as GrantAction[])}
                    {s.expires_at ? (
                      <>
                        {" "}
                        · until <LocalTime value={s.expires_at} />
                      </>
                    ) : null}
                  </span>
                </li>
              ))}
            </ul>
          </td>
          <RowActions>
            <ConfirmButton
              label="Remove"
              ariaLabel={`Remove ${guest.name}`}
              title={`Remove ${guest.name}?`}
              description={
                <p>
                  Everything shared with <strong>{guest.name}</strong> in {tenantName} is revoked ({guest.shared.length === 1 ? "1 POC" : `${guest.shared.length} POCs`}): they
                  lose access on their next request. Their account stays, with anything other organisations share with them.
                </p>
              }
              confirmLabel="Remove"
              onConfirm={remove.bind(null, guest.id)}
            />
          </RowActions>
        </tr>
      ))}
    </TableCard>
  );
}
