import styles from "./task-group-header.module.css";

/** The group's name and counts: all a read-only view shows (rendered on the server there). */
export function TaskGroupTitle({ headingId, name, taskCount, doneCount }: { headingId: string; name: string; taskCount: number; doneCount: number }) {
  return (
    <div className={styles.title}>
      <h3 id={headingId}>{name}</h3>
      {taskCount > 0 ? <span className="muted small nowrap">{`${doneCount} of ${taskCount} done`}</span> : null}
    </div>
  );
}
