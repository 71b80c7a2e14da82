import type { Metadata } from "next";
import Link from "next/link";
import { PocFilters } from "@/components/pocs/poc-filters";
import { PocList } from "@/components/pocs/poc-list";
import { PocPager } from "@/components/pocs/poc-pager";
import { AppError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page";
import { PocListQuery } from "@/lib/pocs/schemas";
import { listPocOwners, listPocs } from "@/lib/pocs/service";
import { canCreatePoc } from "@/lib/sharing/policy";

export const metadata: Metadata = { title: "POCs" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The URL's query, the same schema as GET /api/v1/pocs; empty fields (from the form) mean "any". */
function parseQuery(raw: Record<string, string | string[] | undefined>) {
  const fields = Object.fromEntries(Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" && v !== "" && k in PocListQuery.shape ? [[k, v]] : [])));
  const parsed = PocListQuery.safeParse(fields);
  return parsed.success ? { query: parsed.data, error: null } : { query: PocListQuery.parse({}), error: "Some filters in the address were not understood, so all POCs are shown." };
}

/** A stale, edited or other sort's cursor in the URL: say so and show the first page, not an error page. */
async function listOrFirstPage(actor: Actor, query: PocListQuery) {
  try {
    return { page: await listPocs(actor, query), pageError: null };
  } catch (error) {
    if (!(error instanceof AppError && error.code === "request/invalid" && query.cursor)) throw error;
    return { page: await listPocs(actor, { ...query, cursor: undefined }), pageError: "That page link is not valid any more, so the first page is shown." };
  }
}

/** "3 proofs of concept you can see", or on a paged list "Proofs of concept 51–100 that match". */
function countLine(count: number, offset: number, paged: boolean, filtered: boolean) {
  if (paged) return `Proofs of concept ${offset + 1}–${offset + count}${filtered ? " that match" : " you can see"}`;
  const what = count === 1 ? "1 proof of concept" : `${count} proofs of concept`;
  return `${what}${filtered ? (count === 1 ? " matches" : " match") : " you can see"}`;
}

export default async function PocsPage({ searchParams }: Props) {
  const actor = await requirePageActor();
  const parsed = parseQuery(await searchParams);
  const [{ page, pageError }, owners] = await Promise.all([listOrFirstPage(actor, parsed.query), listPocOwners(actor)]);
  const query = pageError ? { ...parsed.query, cursor: undefined } : parsed.query;
  const error = parsed.error ?? pageError;
  const pocs = page.data;
  const canCreate = canCreatePoc(actor.role);
  const filtered = Boolean(query.q || query.status || query.owner);
  const paged = page.next !== null || page.offset > 0;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>POCs</h1>
          <p className="muted" aria-live="polite">
            {countLine(pocs.length, page.offset, paged, filtered)}
            {actor.tenantName ? ` in ${actor.tenantName}` : ""}.
          </p>
        </div>
        {canCreate && (pocs.length > 0 || filtered) ? (
          <Link href="/pocs/new" className="btn btn-primary">
            New POC
          </Link>
        ) : null}
      </div>
      {pocs.length > 0 || filtered || error ? <PocFilters query={query} owners={owners} error={error} /> : null}
      <PocList pocs={pocs} canCreate={canCreate} filtered={filtered} />
      <PocPager query={query} offset={page.offset} count={pocs.length} next={page.next} />
    </>
  );
}
