"use client";

import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { arrayMove, SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/auth/page";
import type { PocViewGroup } from "@/lib/pocs/view-model";
import type { PocEditing } from "../capabilities";
import { dndId, parseDndId, type DndKind } from "./dnd-ids";
import { SaveFailure, trySave } from "@/components/ui/save-failure";
import { SortableGroup, type BoardGroup } from "./sortable-group";
import { FocusAfterEdit } from "./sortable-task-row";
import styles from "./edit.module.css";

const groupOfTask = (groups: BoardGroup[], taskId: string) => groups.find((g) => g.tasks.some((t) => t.id === taskId));

/** Groups drop among groups; tasks among tasks, or on a group's body (an empty group has nothing else). */
const landsOn = (dragged: UniqueIdentifier, target: UniqueIdentifier) => (parseDndId(target).kind === "group") === (parseDndId(dragged).kind === "group");

const collisions: CollisionDetection = (args) => {
  const dragged = parseDndId(args.active.id).kind;
  const targets = args.droppableContainers.filter((c) => landsOn(args.active.id, c.id));
  if (dragged === "task") {
    const overTask = pointerWithin({ ...args, droppableContainers: targets.filter((c) => parseDndId(c.id).kind === "task") });
    if (overTask.length > 0) return overTask;
  }
  return closestCorners({ ...args, droppableContainers: targets });
};

/** The arrow keys step to the next place of the same kind (sortableKeyboardCoordinates, told only of those). */
const keyboardCoordinates: KeyboardCoordinateGetter = (event, args) => {
  const { active, droppableContainers } = args.context;
  if (!active) return sortableKeyboardCoordinates(event, args);
  const sameKind = {
    get: (id: UniqueIdentifier) => droppableContainers.get(id),
    getEnabled: () => droppableContainers.getEnabled().filter((c) => landsOn(active.id, c.id)),
  } as typeof droppableContainers;
  return sortableKeyboardCoordinates(event, { ...args, context: { ...args.context, droppableContainers: sameKind } });
};

/**
 * The member's editable task list: groups and tasks reorder by drag and drop (pointer or
 * keyboard), a task moves to another group the same way, and every move is one PATCH with a
 * `position` through the POC's server actions. A move shows at once; a failed one goes back
 * and says so, with Retry.
 */
export function TaskBoard({ groups: initial, edit }: { groups: PocViewGroup[]; edit: PocEditing }) {
  const fromServer = initial.flatMap((g) => (g.id ? [{ ...g, id: g.id, tasks: g.tasks.flatMap((t) => (t.id ? [{ ...t, id: t.id }] : [])) }] : []));
  const [seen, setSeen] = useState(initial);
  const [groups, setGroups] = useState<BoardGroup[]>(fromServer);
  const [dragging, setDragging] = useState<{ kind: DndKind; label: string } | null>(null);
  if (seen !== initial && !dragging) {
    // The server sent the POC again (after a save): its order is the truth now. Never mid-drag:
    // the rows being measured would change under the pointer.
    setSeen(initial);
    setGroups(fromServer);
  }
  const before = useRef<BoardGroup[]>(groups);
  const focusAfterEditRef = useRef<string | null>(null);
  const [failure, setFailure] = useState<{ message: string; retry: () => void } | null>(null);
  const [pending, startTransition] = useTransition();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { coordinateGetter: keyboardCoordinates }));

  const labelOf = (id: string | number) => {
    const { kind, id: raw } = parseDndId(id);
    if (kind === "task") return `task ${groupOfTask(groups, raw)?.tasks.find((t) => t.id === raw)?.title ?? ""}`;
    return `group ${groups.find((g) => g.id === raw)?.name ?? ""}`;
  };
  /**
   * Where the dragged thing would land, said as its group and place rather than what it is over:
   * a task crossing into another group is over that group's body, then over its own row there,
   * and "over itself" said before and after would hide that it moved.
   */
  const placeOf = (activeId: UniqueIdentifier, overId: UniqueIdentifier) => {
    const moved = parseDndId(activeId);
    const target = parseDndId(overId);
    if (moved.kind === "group") return `${labelOf(activeId)} is at place ${groups.findIndex((g) => g.id === target.id) + 1} of ${groups.length}.`;
    const group = target.kind === "task" ? groupOfTask(groups, target.id) : groups.find((g) => g.id === target.id);
    if (!group) return `${labelOf(activeId)} is not over a place to drop.`;
    const own = group.tasks.findIndex((t) => t.id === moved.id);
    const at = target.kind === "task" ? group.tasks.findIndex((t) => t.id === target.id) : own >= 0 ? own : group.tasks.length;
    return `${labelOf(activeId)} is in ${group.name}, at place ${at + 1} of ${group.tasks.length + (own >= 0 ? 0 : 1)}.`;
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${labelOf(active.id)}. Use the arrow keys to move it, Space to drop it, Escape to cancel.`,
    onDragOver: ({ active, over }) => (over ? placeOf(active.id, over.id) : `${labelOf(active.id)} is not over a place to drop.`),
    onDragEnd: ({ active, over }) => (over ? `Dropped ${labelOf(active.id)}.` : `${labelOf(active.id)} was put back.`),
    onDragCancel: ({ active }) => `Moving ${labelOf(active.id)} was cancelled; it is back where it was.`,
  };

  function save(what: string, after: BoardGroup[], revert: BoardGroup[], run: () => Promise<ActionResult<unknown>>) {
    setFailure(null);
    startTransition(async () => {
      const result = await trySave(run);
      if (result.ok) return;
      setGroups(revert);
      setFailure({
        message: `Moving ${what} was not saved: ${result.message}`,
        retry: () => {
          setGroups(after);
          save(what, after, revert, run);
        },
      });
    });
  }

  function onDragStart({ active }: DragStartEvent) {
    before.current = groups;
    setDragging({ kind: parseDndId(active.id).kind, label: labelOf(active.id) });
  }

  // A task crossing into another group moves there at once, so the rows make room for it.
  function onDragOver({ active, over }: DragOverEvent) {
    const moved = parseDndId(active.id);
    if (moved.kind !== "task" || !over) return;
    const target = parseDndId(over.id);
    setGroups((current) => {
      const from = groupOfTask(current, moved.id);
      const to = target.kind === "task" ? groupOfTask(current, target.id) : current.find((g) => g.id === target.id);
      if (!from || !to || from.id === to.id) return current;
      const task = from.tasks.find((t) => t.id === moved.id)!;
      const at = target.kind === "task" ? to.tasks.findIndex((t) => t.id === target.id) : to.tasks.length;
      return current.map((g) => {
        if (g.id === from.id) return { ...g, tasks: g.tasks.filter((t) => t.id !== moved.id) };
        if (g.id === to.id) return { ...g, tasks: [...g.tasks.slice(0, at), task, ...g.tasks.slice(at)] };
        return g;
      });
    });
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    setDragging(null);
    // What the server sent during the drag is older than this move.
    setSeen(initial);
    const moved = parseDndId(active.id);
    const revert = before.current;
    if (!over) return setGroups(revert);
    const target = parseDndId(over.id);
    if (moved.kind === "group") {
      const from = groups.findIndex((g) => g.id === moved.id);
      const to = groups.findIndex((g) => g.id === target.id);
      if (target.kind !== "group" || from === to || to < 0) return;
      const after = arrayMove(groups, from, to);
      setGroups(after);
      return save(`group ${groups[from]!.name}`, after, revert, () => edit.actions.updateTaskGroup(edit.pocId, moved.id, { position: to }));
    }
    const group = groupOfTask(groups, moved.id);
    if (!group) return setGroups(revert);
    let tasks = group.tasks;
    const overIndex = target.kind === "task" ? tasks.findIndex((t) => t.id === target.id) : -1;
    const fromIndex = tasks.findIndex((t) => t.id === moved.id);
    if (overIndex >= 0 && overIndex !== fromIndex) tasks = arrayMove(tasks, fromIndex, overIndex);
    const after = groups.map((g) => (g.id === group.id ? { ...g, tasks } : g));
    const position = tasks.findIndex((t) => t.id === moved.id);
    const startGroup = groupOfTask(revert, moved.id);
    const startIndex = startGroup?.tasks.findIndex((t) => t.id === moved.id);
    if (startGroup?.id === group.id && startIndex === position) return setGroups(revert);
    setGroups(after);
    const task = tasks[position]!;
    const changes = startGroup?.id === group.id ? { position } : { group_id: group.id, position };
    save(`task ${task.title}`, after, revert, () => edit.actions.updateTask(edit.pocId, moved.id, changes));
  }

  const options = groups.map((g) => ({ id: g.id, name: g.name }));
  return (
    <DndContext
      id="task-board"
      sensors={sensors}
      collisionDetection={collisions}
      accessibility={{ announcements }}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        setDragging(null);
        setGroups(before.current);
      }}
    >
      {failure ? <SaveFailure message={failure.message} onRetry={failure.retry} pending={pending} /> : null}
      <FocusAfterEdit value={focusAfterEditRef}>
        <SortableContext items={groups.map((g) => dndId("group", g.id))} strategy={verticalListSortingStrategy}>
          {groups.map((group) => (
            <SortableGroup key={group.id} group={group} groups={options} edit={edit} />
          ))}
        </SortableContext>
      </FocusAfterEdit>
      <DragOverlay>{dragging ? <div className={styles.overlay}>{dragging.label.replace(/^(task|group) /, "")}</div> : null}</DragOverlay>
    </DndContext>
  );
}
