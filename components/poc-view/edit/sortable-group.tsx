"use client";

import { useDroppable } from "@dnd-kit/core";
import { SortableContext, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { PocViewGroup, PocViewTask } from "@/lib/pocs/view-model";
import type { PocEditing } from "../capabilities";
import { TaskGroupHeader } from "../task-group-header";
import { DragHandle } from "./drag-handle";
import { dndId } from "./dnd-ids";
import { SortableTaskRow } from "./sortable-task-row";
import styles from "./edit.module.css";

export type BoardGroup = Omit<PocViewGroup, "id" | "tasks"> & { id: string; tasks: (PocViewTask & { id: string })[] };

/** A task group on the editable board: dragged by its handle, its tasks sortable within and across groups. */
export function SortableGroup({ group, groups, edit }: { group: BoardGroup; groups: { id: string; name: string }[]; edit: PocEditing }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: dndId("group", group.id) });
  // The group's body takes a task dropped on it (the only target an empty group has).
  const { setNodeRef: setDropRef } = useDroppable({ id: dndId("drop", group.id) });
  const headingId = `group-${group.id}`;
  return (
    <section
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`card task-group${isDragging ? ` ${styles.dragging}` : ""}`}
      aria-labelledby={headingId}
    >
      <div className={styles.groupHead}>
        <DragHandle label={`Move group ${group.name}`} attributes={attributes} listeners={listeners} />
        <TaskGroupHeader
          headingId={headingId}
          name={group.name}
          taskCount={group.total}
          doneCount={group.done}
          renameAction={edit.actions.updateTaskGroup.bind(null, edit.pocId, group.id)}
          deleteAction={edit.actions.deleteTaskGroup.bind(null, edit.pocId, group.id)}
        />
      </div>
      <div ref={setDropRef}>
        <SortableContext items={group.tasks.map((t) => dndId("task", t.id))} strategy={verticalListSortingStrategy}>
          {group.tasks.length === 0 ? (
            <p className={`muted small ${styles.emptyDrop}`}>No tasks in this group yet. Drag one here or add one below.</p>
          ) : (
            <table className="task-table" aria-labelledby={headingId}>
              <colgroup>
                <col className={styles.handleCol} />
                <col />
                <col className="col-status" />
                <col className="col-assignee" />
                <col className="col-due" />
                <col className="col-actions" />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Move</span>
                  </th>
                  <th scope="col">Task</th>
                  <th scope="col">Status</th>
                  <th scope="col">Assignee</th>
                  <th scope="col">Due</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {group.tasks.map((task) => (
                  <SortableTaskRow key={task.id} task={task} groupId={group.id} groups={groups} edit={edit} />
                ))}
              </tbody>
            </table>
          )}
        </SortableContext>
      </div>
    </section>
  );
}
