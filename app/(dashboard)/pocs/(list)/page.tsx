import type { Metadata } from "next";
import Link from "next/link";
import { PocList } from "@/components/pocs/poc-list";
import { requirePageActor } from "@/lib/auth/page";
import { listPocs } from "@/lib/pocs/service";
import { canCreatePoc } from "@/lib/sharing/policy";

export const metadata: Metadata = { title: "POCs" };

export default async function PocsPage() {
  const actor = await requirePageActor();
  const pocs = await listPocs(actor);
  const canCreate = canCreatePoc(actor.role);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>POCs</h1>
          <p className="muted">
            {pocs.length === 1 ? "1 proof of concept" : `${pocs.length} proofs of concept`} you can see
            {actor.tenantName ? ` in ${actor.tenantName}` : ""}.
          </p>
        </div>
        {canCreate && pocs.length > 0 ? (
          <Link href="/pocs/new" className="btn btn-primary">
            New POC
          </Link>
        ) : null}
      </div>
      <PocList pocs={pocs} canCreate={canCreate} />
    </>
  );
}
