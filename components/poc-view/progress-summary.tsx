"use client";

// A client component only so the RSC payload carries its data once instead of its element
// tree (the share page's size and render cost, bench route 2); it has no state of its own.
import type { PocViewProgress } from "@/lib/pocs/view-model";
import styles from "./progress-summary.module.css";

function Meter({ label, done, total, unit }: { label: string; done: number; total: number; unit: string }) {
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div className={styles.item}>
      <dt>{label}</dt>
      <dd>
        <span className={styles.count}>
          {`${done} of ${total} ${unit}`}
        </span>
        <span className={styles.track} aria-hidden="true">
          <span className={styles.fill} style={{ width: `${percent}%` }} />
        </span>
      </dd>
    </div>
  );
}

/** Tasks done and criteria met, as counts (the bars are decoration). */
export function ProgressSummary({ progress }: { progress: PocViewProgress }) {
  return (
    <dl className={styles.summary} aria-label="Progress">
      <Meter label="Tasks" done={progress.tasks_done} total={progress.tasks_total} unit="done" />
      <Meter label="Success criteria" done={progress.criteria_met} total={progress.criteria_total} unit="met" />
    </dl>
  );
}
