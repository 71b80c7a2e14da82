"use client";

import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from "@dnd-kit/core";
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useEffect, useRef, useState, useTransition } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { InlineForm } from "@/components/ui/inline-form";
import type { PocViewCriterion } from "@/lib/pocs/view-model";
import type { PocEditing } from "../capabilities";
import { StatusSelect } from "../status-select";
import { DragHandle } from "./drag-handle";
import { SaveFailure, trySave } from "@/components/ui/save-failure";
import styles from "./edit.module.css";

type Criterion = PocViewCriterion & { id: string };

function SortableCriterion({ criterion, edit }: { criterion: Criterion; edit: PocEditing }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: criterion.id });
  const [editing, setEditing] = useState(false);
  const textButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const update = edit.actions.updateCriterion.bind(null, edit.pocId, criterion.id);

  useEffect(() => {
    if (!editing && refocus.current) {
      refocus.current = false;
      textButton.current?.focus();
    }
  }, [editing]);
  const close = () => {
    refocus.current = true;
    setEditing(false);
  };

  return (
    <li ref={setNodeRef} style={{ transform: CSS.Translate.toString(transform), transition }} className={`criterion ${styles.criterionRow}${isDragging ? ` ${styles.dragging}` : ""}`}>
      <DragHandle label={`Move criterion ${criterion.description}`} attributes={attributes} listeners={listeners} />
      {editing ? (
        <InlineForm
          field="description"
          label="Criterion"
          submitLabel="Save"
          defaultValue={criterion.description}
          maxLength={1000}
          autoFocus
          action={update}
          onDone={close}
          onCancel={close}
        />
      ) : (
        <div>
          <p className="criterion-text">
            <button ref={textButton} type="button" className={styles.titleButton} onClick={() => setEditing(true)} aria-label={`Edit criterion ${criterion.description}`}>
              {criterion.description}
            </button>
          </p>
          <div className="criterion-controls">
            <StatusSelect kind="criterion" value={criterion.status} subject={criterion.description} save={update} />
            <ConfirmButton
              label="Delete"
              ariaLabel={`Delete criterion ${criterion.description}`}
              title="Delete this success criterion?"
              description={
                <p>
                  <strong>{criterion.description}</strong> will be deleted.
                </p>
              }
              onConfirm={edit.actions.deleteCriterion.bind(null, edit.pocId, criterion.id)}
            />
          </div>
        </div>
      )}
    </li>
  );
}

/** The editable success criteria: click the text to edit it, drag (or Space and the arrows) to reorder. */
export function CriteriaList({ criteria: initial, edit }: { criteria: PocViewCriterion[]; edit: PocEditing }) {
  const fromServer = initial.flatMap((c) => (c.id ? [{ ...c, id: c.id }] : []));
  const [seen, setSeen] = useState(initial);
  const [criteria, setCriteria] = useState<Criterion[]>(fromServer);
  if (seen !== initial) {
    setSeen(initial);
    setCriteria(fromServer);
  }
  const [failure, setFailure] = useState<{ message: string; retry: () => void } | null>(null);
  const [pending, startTransition] = useTransition();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const textOf = (id: string | number) => criteria.find((c) => c.id === id)?.description ?? "";
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up criterion ${textOf(active.id)}. Use the arrow keys to move it, Space to drop it, Escape to cancel.`,
    onDragOver: ({ active, over }) =>
      over ? `Criterion ${textOf(active.id)} is at place ${criteria.findIndex((c) => c.id === over.id) + 1} of ${criteria.length}.` : `Criterion ${textOf(active.id)} is not over the list.`,
    onDragEnd: ({ active }) => `Dropped criterion ${textOf(active.id)}.`,
    onDragCancel: ({ active }) => `Moving criterion ${textOf(active.id)} was cancelled.`,
  };

  function move(id: string, after: Criterion[], revert: Criterion[]) {
    setCriteria(after);
    setFailure(null);
    startTransition(async () => {
      const position = after.findIndex((c) => c.id === id);
      const result = await trySave(() => edit.actions.updateCriterion(edit.pocId, id, { position }));
      if (result.ok) return;
      setCriteria(revert);
      setFailure({ message: `Moving criterion ${textOf(id)} was not saved: ${result.message}`, retry: () => move(id, after, revert) });
    });
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    const from = criteria.findIndex((c) => c.id === active.id);
    const to = criteria.findIndex((c) => c.id === over.id);
    move(String(active.id), arrayMove(criteria, from, to), criteria);
  }

  return (
    <DndContext id="criteria-list" sensors={sensors} collisionDetection={closestCenter} accessibility={{ announcements }} onDragEnd={onDragEnd}>
      {failure ? <SaveFailure message={failure.message} onRetry={failure.retry} pending={pending} /> : null}
      <SortableContext items={criteria.map((c) => c.id)} strategy={verticalListSortingStrategy}>
        <ul className="criteria-list">
          {criteria.map((c) => (
            <SortableCriterion key={c.id} criterion={c} edit={edit} />
          ))}
        </ul>
      </SortableContext>
    </DndContext>
  );
}
