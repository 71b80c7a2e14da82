import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { actionLabel, payloadChanges, payloadFields } from "@/lib/audit/diff";
import type { AuditEventJson } from "@/lib/audit/schemas";
import styles from "./audit.module.css";

const ACTOR_KINDS: Record<string, string> = { user: "User", api_token: "API token", scim_token: "SCIM token", system: "System", public: "Guest" };

function Payload({ payload }: { payload: unknown }) {
  const changes = payloadChanges(payload);
  if (changes) {
    if (changes.length === 0) return <p className="muted small">No field changed.</p>;
    return (
      <table className={styles.diff} aria-label="Changes">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field}>
              <th scope="row">{c.field}</th>
              <td className={styles.before}>{c.before}</td>
              <td className={styles.after}>{c.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <details className={styles.details}>
      <summary>Details</summary>
      <dl className={styles.fields}>
        {payloadFields(payload).map((f) => (
          <div key={f.field}>
            <dt>{f.field}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** The audit page's events (server-rendered; user text renders as text). */
export function AuditTable({ events, filtered }: { events: AuditEventJson[]; filtered: boolean }) {
  if (events.length === 0) {
    return (
      <div className="card empty-state">
        <p className="muted">{filtered ? "No events match these filters." : "Nothing has been recorded yet."}</p>
      </div>
    );
  }
  return (
    <div className="card table-scroll">
      <table className={`data-table ${styles.table}`} aria-label="Audit events">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Subject</th>
            <th scope="col">IP</th>
            <th scope="col">Payload</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-action={e.action}>
              <td className={styles.nowrap}>
                <LocalTime value={e.created_at} />
                {e.chain ? <div className={`muted small ${styles.mono}`} title={`SHA-256 ${e.chain.hash}`}>#{e.chain.seq} · {e.chain.hash.slice(0, 10)}…</div> : null}
              </td>
              <td>
                {e.actor.name ?? "Unknown"}
                <div className="muted small">{ACTOR_KINDS[e.actor.type] ?? e.actor.type}</div>
              </td>
              <td>{actionLabel(e.action)}</td>
              <td>
                {e.poc ? <Link href={`/pocs/${e.poc.id}`}>{e.poc.title ?? "Deleted POC"}</Link> : null}
                <div className="muted small">{e.subject.type.replace(/_/g, " ")}</div>
              </td>
              <td className={styles.mono}>{e.ip ?? "—"}</td>
              <td className={styles.payload}>
                <Payload payload={e.payload} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
