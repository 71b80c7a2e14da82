/**
 * Settings → Shared links → "Find an export": an admin pastes the export id printed on a
 * leaked file and sees who exported it, when, from where, through which grant. A plain GET
 * form, so the lookup is a link an admin can share with a colleague.
 */
import Link from "next/link";
import { Field } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import type { ExportRecord } from "@/lib/exports/schemas";
import styles from "./export-lookup.module.css";

const VIA: Record<string, string> = { link: "Public link", embed: "Embed", user: "Shared with the user", team: "Team grant", role: "Role grant" };

export function ExportLookup({ query, result, error }: { query: string; result: ExportRecord | null; error: string | null }) {
  return (
    <section className={`card ${styles.card}`} aria-labelledby="export-lookup-heading">
      <h2 id="export-lookup-heading">Find an export</h2>
      <p className="muted">Every PDF, PNG, Excel and CSV export carries a 10-character export id (in its footer, corner, properties or first line).</p>
      <form method="get" className={styles.form} role="search">
        <Field label="Export id" name="export_id" error={error ?? undefined}>
          {(control) => <input {...control} className="input" type="search" defaultValue={query} placeholder="e.g. X7K3M9Q2TD" maxLength={20} autoComplete="off" spellCheck={false} />}
        </Field>
        <button type="submit" className="btn btn-secondary">
          Look up
        </button>
      </form>
      {result ? (
        <dl className={styles.result} aria-label={`Export ${result.export_id}`}>
          <dt>Export</dt>
          <dd>
            <code>{result.export_id}</code> · {result.format.toUpperCase()}
          </dd>
          <dt>POC</dt>
          <dd>
            <Link href={`/pocs/${result.poc.id}`}>{result.poc.title}</Link>
          </dd>
          <dt>Exported by</dt>
          <dd>
            {result.viewer.user ? `${result.viewer.user.name} (${result.viewer.email ?? "no email"})` : (result.viewer.email ?? "Anonymous link viewer (no email asked)")}
          </dd>
          <dt>Through</dt>
          <dd>{result.grant ? VIA[result.grant.principal_type] ?? result.grant.principal_type : "Own access (admin or owner)"}</dd>
          <dt>When</dt>
          <dd>
            <LocalTime value={result.exported_at} />
          </dd>
          <dt>From</dt>
          <dd>
            {result.ip ?? "unknown address"}
            {result.user_agent ? <span className={styles.agent}> · {result.user_agent}</span> : null}
          </dd>
        </dl>
      ) : null}
    </section>
  );
}
