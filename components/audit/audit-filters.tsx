import type { AuditPageParams } from "@/lib/audit/page-query";
import { actionLabel } from "@/lib/audit/diff";
import styles from "./audit.module.css";

type Choice = { id: string; name: string; email: string };

/** The audit page's filters: a plain GET form, so the URL is the filter (shareable, bookmarkable). */
export function AuditFilters({ params, pocs, actors, actions }: { params: AuditPageParams; pocs: { id: string; title: string }[]; actors: Choice[]; actions: string[] }) {
  return (
    <form method="get" action="/settings/audit-log" className={`card ${styles.filters}`} aria-label="Filter the audit log">
      <label className={styles.filter}>
        <span className="field-label">POC</span>
        <select name="poc" className="input" defaultValue={params.poc ?? ""}>
          <option value="">All POCs</option>
          {pocs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </label>
      <label className={styles.filter}>
        <span className="field-label">Actor</span>
        <select name="actor" className="input" defaultValue={params.actor ?? ""}>
          <option value="">Anyone</option>
          <option value="system">System</option>
          <option value="api_token">Any API token</option>
          <option value="scim_token">Any SCIM token</option>
          {actors.map((a) => (
            <option key={a.id} value={`user:${a.id}`}>
              {a.name} ({a.email})
            </option>
          ))}
        </select>
      </label>
      <label className={styles.filter}>
        <span className="field-label">Action</span>
        <select name="action" className="input" defaultValue={params.action ?? ""}>
          <option value="">Any action</option>
          {[...new Set(actions.map((a) => a.split(".")[0]!))].map((prefix) => (
            <option key={`${prefix}.*`} value={`${prefix}.*`}>
              {actionLabel(prefix)}: all
            </option>
          ))}
          {actions.map((a) => (
            <option key={a} value={a}>
              {actionLabel(a)}
            </option>
          ))}
        </select>
      </label>
      <label className={styles.filter}>
        <span className="field-label">From</span>
        <input type="date" name="from" className="input" defaultValue={params.from ?? ""} />
      </label>
      <label className={styles.filter}>
        <span className="field-label">To</span>
        <input type="date" name="to" className="input" defaultValue={params.to ?? ""} />
      </label>
      <div className={styles.filterActions}>
        <button type="submit" className="btn btn-primary btn-sm">
          Apply filters
        </button>
        <a href="/settings/audit-log" className="btn btn-ghost btn-sm">
          Clear
        </a>
      </div>
    </form>
  );
}
