import { ConfirmButton } from "@/components/ui/confirm-button";
import { ACTIONS_COLUMN, RowActions, TableCard } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/auth/page";

type TokenRow = {
  id: string;
  name: string;
  display_prefix: string;
  created_at: string;
  created_by: { name: string } | null;
  last_used_at: string | null;
  revoked_at: string | null;
};

/** The tokens of a tenant (API or SCIM), with last use, status and Revoke (confirmed). */
export function TokenTable({
  tokens,
  revokeAction,
  emptyText = "No API tokens yet.",
  revokeEffect = (name) => (
    <>
      Integrations using <strong>{name}</strong> will stop working on their next request.
    </>
  ),
}: {
  tokens: TokenRow[];
  revokeAction: (tokenId: string) => Promise<ActionResult<unknown>>;
  emptyText?: string;
  revokeEffect?: (name: string) => ReactNode;
}) {
  return (
    <TableCard
      headingId="tokens-heading"
      title="Tokens"
      columns={["Name", "Token", "Created", "Last used", "Status", ACTIONS_COLUMN]}
      empty={tokens.length === 0 ? emptyText : null}
    >
      {tokens.map((token) => (
        <tr key={token.id} className={token.revoked_at ? "is-revoked" : undefined}>
          <th scope="row">{token.name}</th>
          <td>
            <code>{token.display_prefix}…</code>
          </td>
          <td>
            <LocalTime value={token.created_at} />
            {token.created_by ? <div className="muted small">by {token.created_by.name}</div> : null}
          </td>
          <td>{token.last_used_at ? <LocalTime value={token.last_used_at} /> : <span className="muted">Never</span>}</td>
          <td>
            {token.revoked_at ? (
              <span className="badge badge-token-revoked">Revoked</span>
            ) : (
              <span className="badge badge-token-active">Active</span>
            )}
          </td>
          <RowActions>
            {token.revoked_at ? null : (
              <ConfirmButton
                label="Revoke"
                title="Revoke this token?"
                description={
                  <p>
                    {revokeEffect(token.name)} This cannot be undone.
                  </p>
                }
                confirmLabel="Revoke"
                onConfirm={revokeAction.bind(null, token.id)}
              />
            )}
          </RowActions>
        </tr>
      ))}
    </TableCard>
  );
}
