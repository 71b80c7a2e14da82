import Link from "next/link";
import { formatDate, formatDateRange } from "@/components/format";
import { StatusBadge } from "@/components/ui/status-badge";
import type { PocView } from "@/lib/pocs/view-model";
import type { PocViewCapabilities } from "./capabilities";
import { Downloads } from "./downloads";
import { ProgressSummary } from "./progress-summary";
import styles from "./poc-header.module.css";

/** Organisation, title, customer, status, dates, who shared it, progress; actions on the right. */
export function PocHeader({ view, can }: { view: PocView; can: PocViewCapabilities }) {
  return (
    <header className={`detail-header ${styles.header}`}>
      {can.mode === "member" ? (
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link href="/pocs">POCs</Link>
        </nav>
      ) : null}
      <div className="detail-header-row">
        <div className="detail-title">
          <p className={styles.eyebrow}>
            {view.organisation ? <span className={styles.organisation}>{view.organisation}</span> : null}
            <span>Proof of concept</span>
          </p>
          <h1>{view.title}</h1>
          <div className="detail-subtitle">
            <StatusBadge kind="poc" status={view.status} />
            {view.customer ? <span>{view.customer}</span> : null}
            <span className={styles.dates}>{formatDateRange(view.start_date, view.end_date)}</span>
          </div>
          {view.shared_by ? (
            <p className={styles.sharedBy}>
              Shared by {view.shared_by.name} on <span className={styles.dates}>{formatDate(view.shared_by.at.slice(0, 10))}</span>
            </p>
          ) : null}
        </div>
        {can.headerActions || can.downloads.length > 0 ? (
          <div className="detail-actions">
            <Downloads downloads={can.downloads} />
            {can.headerActions}
          </div>
        ) : null}
      </div>
      <ProgressSummary progress={view.progress} />
    </header>
  );
}
