import type { Metadata } from "next";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";
import { SettingsBreadcrumb } from "@/components/settings/settings-breadcrumb";
import { Forbidden } from "@/components/ui/forbidden";
import { AppError, fieldErrorsOf } from "@/lib/api/errors";
import { auditQueryOf, exportSearchOf, pageParamsOf, searchOf } from "@/lib/audit/page-query";
import { auditFilterChoices, canSeeAuditLog, listAuditEvents } from "@/lib/audit/service";
import { requirePageActor } from "@/lib/auth/page";
import { listPocTitles } from "@/lib/pocs/service";
import styles from "@/components/audit/audit.module.css";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 25;
const FIELD_NAMES: Record<string, string> = { poc_id: "POC", actor_type: "Actor", actor_id: "Actor", action: "Action", from: "From", to: "To", cursor: "Page" };

/** A stale or edited cursor in the URL is the reader's problem to fix, not a crash. */
function invalidAsMessage(error: unknown): string {
  if (error instanceof AppError && error.code === "request/invalid") return "That page link is not valid any more. Start again from the newest events.";
  throw error;
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  if (!canSeeAuditLog(actor)) return <Forbidden message="Only tenant admins can see the audit log." />;
  const params = pageParamsOf(await searchParams);
  const query = auditQueryOf(params, PAGE_SIZE);
  const [choices, pocs, page] = await Promise.all([
    auditFilterChoices(actor),
    listPocTitles(actor),
    query.success ? listAuditEvents(actor, query.data).catch(invalidAsMessage) : null,
  ]);
  const errors = !query.success ? fieldErrorsOf(query.error).map((f) => `${FIELD_NAMES[f.field] ?? f.field}: ${f.message}`) : typeof page === "string" ? [page] : [];
  const events = page && typeof page !== "string" ? page : null;
  return (
    <div className="narrow-wide">
      <SettingsBreadcrumb />
      <div className="split-row">
        <h1>Audit log</h1>
        <div className={styles.tools}>
          <a className="btn btn-secondary btn-sm" href={`/api/v1/audit-events/export.csv${exportSearchOf(params)}`} download>
            Export CSV
          </a>
          <VerifyChainButton />
        </div>
      </div>
      <p className="muted lead">
        Every recorded change in {actor.tenantName ?? "your tenant"}: who did what, when and from where, newest first. Rows cannot be changed or deleted,
        and each one is chained to the one before it by a SHA-256 hash, so any change to a stored row shows up when you verify the chain.
      </p>
      <AuditFilters params={params} pocs={pocs} actors={choices.actors} actions={choices.actions} />
      {errors.length > 0 ? (
        <div className="alert alert-error" role="alert">
          {errors.join(" ")}
        </div>
      ) : null}
      {events ? (
        <>
          <AuditTable events={events.data} filtered={Object.keys(params).some((k) => k !== "cursor")} />
          <nav className={styles.pager} aria-label="Audit log pages">
            {params.cursor ? (
              <a className="btn btn-secondary btn-sm" href={`/settings/audit-log${searchOf(params, { cursor: undefined })}`}>
                ← Newest
              </a>
            ) : null}
            {events.next ? (
              <a className="btn btn-secondary btn-sm" href={`/settings/audit-log${searchOf(params, { cursor: events.next })}`}>
                Older events →
              </a>
            ) : null}
          </nav>
        </>
      ) : null}
    </div>
  );
}
