import { ConfirmButton } from "@/components/ui/confirm-button";
import { LocalTime } from "@/components/ui/local-time";
import type { ActionResult } from "@/lib/auth/page";
import type { ApiTokenJson } from "@/lib/tokens/schemas";

export function TokenTable({ tokens, revokeAction }: { tokens: ApiTokenJson[]; revokeAction: (tokenId: string) => Promise<ActionResult<unknown>> }) {
  return (
    <section className="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading" className="card-title">
        Tokens
      </h2>
      {tokens.length === 0 ? (
        <p className="muted">No API tokens yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-labelledby="tokens-heading">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Token</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} className={token.revoked_at ? "is-revoked" : undefined}>
                  <th scope="row">{token.name}</th>
                  <td>
                    <code>{token.display_prefix}…</code>
                  </td>
                  <td>
                    <LocalTime value={token.created_at} />
                    <div className="muted small">by {token.created_by.name}</div>
                  </td>
                  <td>{token.last_used_at ? <LocalTime value={token.last_used_at} /> : <span className="muted">Never</span>}</td>
                  <td>
                    {token.revoked_at ? (
                      <span className="badge badge-token-revoked">Revoked</span>
                    ) : (
                      <span className="badge badge-token-active">Active</span>
                    )}
                  </td>
                  <td className="row-actions">
                    {token.revoked_at ? null : (
                      <ConfirmButton
                        label="Revoke"
                        title="Revoke this token?"
                        description={
                          <p>
                            Integrations using <strong>{token.name}</strong> will stop working on their next request. This cannot be undone.
                          </p>
                        }
                        confirmLabel="Revoke"
                        onConfirm={revokeAction.bind(null, token.id)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
