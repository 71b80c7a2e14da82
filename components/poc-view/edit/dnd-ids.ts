import type { UniqueIdentifier } from "@dnd-kit/core";

/**
 * One drag-and-drop context holds groups, tasks and each group's drop area (for empty groups),
 * so their ids say which is which: "group:<uuid>", "task:<uuid>", "drop:<uuid>".
 */
export type DndKind = "group" | "task" | "drop";

export const dndId = (kind: DndKind, id: string): string => `${kind}:${id}`;

export function parseDndId(id: UniqueIdentifier): { kind: DndKind; id: string } {
  const [kind, rest] = String(id).split(":", 2) as [DndKind, string];
  return { kind, id: rest };
}
