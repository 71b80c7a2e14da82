import Link from "next/link";
import { POC_STATUS_LABELS } from "@/components/status-labels";
import type { PocListQuery } from "@/lib/pocs/schemas";
import styles from "./poc-filters.module.css";

const SORT_LABELS: Record<PocListQuery["sort"], string> = { updated: "Recently updated", due: "End date", title: "Title (A–Z)" };

/**
 * The POC list's search and filters as a plain GET form: the state lives in the URL
 * (/pocs?q=…&status=…&owner=…&sort=…), so a filtered list can be shared and works without JavaScript.
 * Applying starts again at the first page (the form carries no cursor; a page size in the URL stays).
 */
export function PocFilters({ query, owners, error }: { query: PocListQuery; owners: { id: string; name: string }[]; error: string | null }) {
  const filtered = Boolean(query.q || query.status || query.owner || query.sort !== "updated");
  return (
    <form className={styles.bar} role="search" aria-label="Search and filter POCs" action="/pocs">
      <div className={styles.search}>
        <label htmlFor="poc-q">Search</label>
        <input id="poc-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder="Title or customer" maxLength={200} />
      </div>
      <FilterSelect id="poc-status" name="status" label="Status" value={query.status} options={[["", "Any status"], ...Object.entries(POC_STATUS_LABELS)]} />
      <FilterSelect id="poc-owner" name="owner" label="Owner" value={query.owner} options={[["", "Anyone"], ...owners.map((o): [string, string] => [o.id, o.name])]} />
      <FilterSelect id="poc-sort" name="sort" label="Sort by" value={query.sort} options={Object.entries(SORT_LABELS)} />
      {query.limit ? <input type="hidden" name="limit" value={query.limit} /> : null}
      <div className={styles.buttons}>
        <button type="submit" className="btn btn-secondary">
          Apply
        </button>
        {filtered ? (
          <Link href="/pocs" className="btn btn-ghost">
            Clear
          </Link>
        ) : null}
      </div>
      {error ? (
        <p className={styles.error} role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function FilterSelect({ id, name, label, value, options }: { id: string; name: string; label: string; value: string | undefined; options: [string, string][] }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}
