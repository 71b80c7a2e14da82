/**
 * What a viewer may do on the one POC view (components/poc-view): the member page, the share
 * page and the embed render the same components and differ only in this object. Access is
 * decided by the services; this only says which controls to draw.
 */
import type { ReactNode } from "react";
import type { PocViewComment } from "@/lib/pocs/view-model";
import type { PocActions } from "./actions";

/** A file the viewer may download (CSV today; PDF, PNG, XLSX join the same list). */
export type PocDownload = { format: string; label: string; href: string };

export type PocEditing = { pocId: string; actions: PocActions; assignees: { id: string; name: string }[] };

export type PocCommenting = {
  /** The form that starts a thread. */
  newThread: ReactNode;
  /** The reply control under a top-level comment. */
  reply: (comment: PocViewComment) => ReactNode;
};

export type PocViewCapabilities = {
  /** Chrome only (breadcrumb, wording): never what the viewer may see or do. */
  mode: "member" | "guest" | "embed";
  /** Inline editing of tasks, groups and criteria (members holding `edit`). */
  edit: PocEditing | null;
  /** Comment forms; null shows the threads read-only (or hides them when the view has none). */
  comment: PocCommenting | null;
  downloads: PocDownload[];
  /** The viewer's email tiled over the page, when their access is watermarked. */
  watermark: { email: string; at: Date } | null;
  /** Buttons in the header (Share, Edit, Delete on the member page). */
  headerActions?: ReactNode;
};

export const readOnly = (mode: PocViewCapabilities["mode"]): PocViewCapabilities => ({ mode, edit: null, comment: null, downloads: [], watermark: null });
