import type { PocListQuery } from "@/lib/pocs/schemas";
import styles from "./poc-pager.module.css";

/** /pocs with this search, filters, order and page size, at `cursor` (none: the first page). */
export function pocListHref(query: PocListQuery, cursor?: string): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.status) params.set("status", query.status);
  if (query.owner) params.set("owner", query.owner);
  if (query.sort !== "updated") params.set("sort", query.sort);
  if (query.limit) params.set("limit", String(query.limit));
  if (cursor) params.set("cursor", cursor);
  const text = params.toString();
  return text ? `/pocs?${text}` : "/pocs";
}

/**
 * Which POCs this page shows, and plain links to the first and the next page: the cursor
 * travels in the URL, so paging works without JavaScript and a page can be shared.
 */
export function PocPager({ query, offset, count, next }: { query: PocListQuery; offset: number; count: number; next: string | null }) {
  if (!next && offset === 0) return null;
  return (
    <nav className={styles.pager} aria-label="POC pages">
      <p className={styles.shown}>
        Showing {offset + 1}–{offset + count}
        {next ? "; more on the next page." : ", the last of them."}
      </p>
      <div className={styles.links}>
        {offset > 0 ? (
          <a className="btn btn-secondary btn-sm" href={pocListHref(query)}>
            ← First page
          </a>
        ) : null}
        {next ? (
          <a className="btn btn-secondary btn-sm" href={pocListHref(query, next)} rel="next">
            Next page →
          </a>
        ) : null}
      </div>
    </nav>
  );
}
