import type { PocProgress as Progress } from "@/lib/pocs/schemas";
import type { z } from "zod";
import styles from "./poc-progress.module.css";

/** "3 of 8 tasks done · 1 of 4 criteria met", with a bar for the tasks. */
export function PocProgress({ progress }: { progress: z.infer<typeof Progress> }) {
  const { tasks_done, tasks_total, criteria_met, criteria_total } = progress;
  const percent = tasks_total === 0 ? 0 : Math.round((tasks_done / tasks_total) * 100);
  return (
    <div className={styles.progress}>
      <div className={styles.track} role="progressbar" aria-label="Tasks done" aria-valuemin={0} aria-valuemax={tasks_total} aria-valuenow={tasks_done}>
        <div className={styles.fill} style={{ width: `${percent}%` }} />
      </div>
      <p className={styles.counts}>
        {tasks_total === 0 ? "No tasks yet" : `${tasks_done} of ${tasks_total} tasks done`}
        <span aria-hidden="true"> · </span>
        {criteria_total === 0 ? "no criteria yet" : `${criteria_met} of ${criteria_total} criteria met`}
      </p>
    </div>
  );
}
