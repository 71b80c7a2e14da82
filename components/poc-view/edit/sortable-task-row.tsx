"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { createContext, useContext, useEffect, useRef, useState, type RefObject } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { PocViewTask } from "@/lib/pocs/view-model";
import type { PocEditing } from "../capabilities";
import type { TaskChanges } from "../actions";
import { StatusSelect } from "../status-select";
import { DragHandle } from "./drag-handle";
import { dndId } from "./dnd-ids";
import { TaskEditor } from "./task-editor";
import { TaskAssigneeDueCells } from "../task-cells";
import styles from "./edit.module.css";

export const TASK_COLUMNS = 6;

/**
 * The task whose title gets focus once its editor closes. Board-wide, because a task saved into
 * another group comes back as a new row there.
 */
export const FocusAfterEdit = createContext<RefObject<string | null>>({ current: null });

/** A task's row on the editable board: drag handle, click-to-edit title, status, delete. */
export function SortableTaskRow({
  task,
  groupId,
  groups,
  edit,
}: {
  task: PocViewTask & { id: string };
  groupId: string;
  groups: { id: string; name: string }[];
  edit: PocEditing;
}) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: dndId("task", task.id) });
  const [editing, setEditing] = useState(false);
  const titleButton = useRef<HTMLButtonElement>(null);
  const focusAfterEditRef = useContext(FocusAfterEdit);
  const save = (changes: TaskChanges) => edit.actions.updateTask(edit.pocId, task.id, changes);

  // Back from the editor: focus returns to the title that opened it, and follows the task when
  // the refreshed page draws it in its new group, until the user presses a key or clicks.
  useEffect(() => {
    const button = titleButton.current;
    if (editing || focusAfterEditRef.current !== task.id || !button || document.activeElement === button) return;
    button.focus();
    const release = () => {
      if (focusAfterEditRef.current === task.id) focusAfterEditRef.current = null;
    };
    document.addEventListener("keydown", release, { once: true, capture: true });
    document.addEventListener("pointerdown", release, { once: true, capture: true });
  });

  const style = { transform: CSS.Translate.toString(transform), transition };
  if (editing) {
    return (
      <tr ref={setNodeRef} style={style}>
        <td colSpan={TASK_COLUMNS}>
          <TaskEditor
            task={task}
            groupId={groupId}
            groups={groups}
            assignees={edit.assignees}
            save={save}
            onClose={() => {
              focusAfterEditRef.current = task.id;
              setEditing(false);
            }}
          />
        </td>
      </tr>
    );
  }
  return (
    <tr ref={setNodeRef} style={style} className={isDragging ? styles.dragging : undefined}>
      <td className={styles.handleCell}>
        <DragHandle label={`Move task ${task.title}`} attributes={attributes} listeners={listeners} />
      </td>
      <th scope="row" className="task-title">
        <button ref={titleButton} type="button" className={styles.titleButton} onClick={() => setEditing(true)} aria-label={`Edit task ${task.title}`}>
          {task.title}
        </button>
      </th>
      <td data-label="Status">
        <StatusSelect kind="task" value={task.status} subject={task.title} save={(input) => save(input)} />
      </td>
      <TaskAssigneeDueCells task={task} />
      <td className="row-actions">
        <ConfirmButton
          label="Delete"
          ariaLabel={`Delete task ${task.title}`}
          title="Delete this task?"
          description={
            <p>
              The task <strong>{task.title}</strong> will be deleted.
            </p>
          }
          onConfirm={edit.actions.deleteTask.bind(null, edit.pocId, task.id)}
        />
      </td>
    </tr>
  );
}
