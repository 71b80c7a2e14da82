import type { Metadata } from "next";
import Link from "next/link";
import { PocFilters } from "@/components/pocs/poc-filters";
import { PocList } from "@/components/pocs/poc-list";
import { requirePageActor } from "@/lib/auth/page";
import { PocListQuery } from "@/lib/pocs/schemas";
import { listPocs } from "@/lib/pocs/service";
import { canCreatePoc } from "@/lib/sharing/policy";
import { listMembers } from "@/lib/tenants/service";

export const metadata: Metadata = { title: "POCs" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The URL's query, the same schema as GET /api/v1/pocs; empty fields (from the form) mean "any". */
function parseQuery(raw: Record<string, string | string[] | undefined>) {
  const fields = Object.fromEntries(Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" && v !== "" && k in PocListQuery.shape ? [[k, v]] : [])));
  const parsed = PocListQuery.safeParse(fields);
  return parsed.success ? { query: parsed.data, error: null } : { query: PocListQuery.parse({}), error: "Some filters in the address were not understood, so all POCs are shown." };
}

export default async function PocsPage({ searchParams }: Props) {
  const actor = await requirePageActor();
  const { query, error } = parseQuery(await searchParams);
  const [pocs, members] = await Promise.all([listPocs(actor, query), listMembers(actor)]);
  const canCreate = canCreatePoc(actor.role);
  const filtered = Boolean(query.q || query.status || query.owner);
  const owners = members.filter((m) => m.active).map(({ id, name }) => ({ id, name }));
  return (
    <>
      <div className="page-header">
        <div>
          <h1>POCs</h1>
          <p className="muted" aria-live="polite">
            {pocs.length === 1 ? "1 proof of concept" : `${pocs.length} proofs of concept`}
            {filtered ? " match" : " you can see"}
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
    </>
  );
}
