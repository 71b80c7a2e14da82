"use client";

import { ConfirmButton } from "@/components/ui/confirm-button";
import { LocalTime } from "@/components/ui/local-time";
import type { ActionResult } from "@/lib/auth/page";
import type { EmbedKeyJson } from "@/lib/embed/schemas";

const STATE_LABELS: Record<EmbedKeyJson["state"], string> = { current: "Signing", grace: "Grace period", retired: "Retired" };

/** Settings → Embeds: the tenant's signing keys, Rotate and "Revoke the old key now". */
export function EmbedKeysCard({
  keys,
  rotateAction,
  retireAction,
}: {
  keys: EmbedKeyJson[];
  rotateAction: () => Promise<ActionResult<null>>;
  retireAction: () => Promise<ActionResult<null>>;
}) {
  const inGrace = keys.filter((k) => k.state === "grace");
  return (
    <section className="card" aria-labelledby="keys-heading">
      <h2 id="keys-heading" className="card-title">
        Signing key
      </h2>
      <p className="muted small">
        Ed25519 (EdDSA). After a rotation, tokens signed with the previous key keep working for 24 hours so sites can pick up new snippets; end that early
        if the old key may have leaked.
      </p>
      <div className="table-scroll">
        <table className="data-table" aria-labelledby="keys-heading">
          <thead>
            <tr>
              <th scope="col">Key id</th>
              <th scope="col">State</th>
              <th scope="col">Created</th>
              <th scope="col">Tokens accepted until</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.kid}>
                <th scope="row">
                  <code>{key.kid}</code>
                </th>
                <td>{STATE_LABELS[key.state]}</td>
                <td>
                  <LocalTime value={key.created_at} />
                </td>
                <td>{key.retires_at ? <LocalTime value={key.retires_at} /> : <span className="muted">Until rotated</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="dialog-actions">
        {inGrace.length > 0 ? (
          <ConfirmButton
            label="Revoke the old key now"
            className="btn btn-danger-ghost"
            title="Revoke the old key now?"
            description={<p>Embeds still using tokens of the previous key stop working on their next load. Sites need the new snippets to show them again.</p>}
            confirmLabel="Revoke old key"
            onConfirm={retireAction}
          />
        ) : null}
        <ConfirmButton
          label="Rotate key"
          className="btn btn-secondary"
          tone="primary"
          title="Rotate the signing key?"
          description={
            <p>
              A new key signs every embed snippet and viewer token from now on. Tokens of the current key keep working for 24 hours; copy the new snippets
              into your sites within that time.
            </p>
          }
          confirmLabel="Rotate"
          onConfirm={rotateAction}
        />
      </div>
    </section>
  );
}
