"use client";

import type { DraggableAttributes, DraggableSyntheticListeners } from "@dnd-kit/core";
import { GripVertical } from "lucide-react";
import styles from "./edit.module.css";

/**
 * The handle a row or group is dragged by, with the pointer or the keyboard (Space picks it up,
 * the arrow keys move it, Space drops it, Escape puts it back).
 */
export function DragHandle({ label, attributes, listeners }: { label: string; attributes: DraggableAttributes; listeners: DraggableSyntheticListeners }) {
  return (
    <button type="button" className={`btn btn-ghost btn-sm ${styles.handle}`} aria-label={label} {...attributes} {...listeners}>
      <GripVertical size={16} aria-hidden="true" />
    </button>
  );
}
