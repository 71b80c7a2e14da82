/**
 * The one POC view model: what a viewer may see of a POC, whoever they are. The member page,
 * the share page and the embed render it with the components in `components/poc-view/`; the
 * PDF/PNG/XLSX/CSV exports render it with their own primitives. Pure: no db, no React.
 *
 * Built from either source a viewer reaches a POC through: the member's `PocDetail` (the
 * signed-in API shape) or the anonymous `PublicPocView` (the document Postgres keeps ready).
 */
import type { PocDetail } from "./schemas";
import type { PublicPocView } from "@/lib/sharing/schemas";

type PocStatus = PocDetail["status"];
type TaskStatus = PocDetail["task_groups"][number]["tasks"][number]["status"];
type CriterionStatus = PocDetail["success_criteria"][number]["status"];

export type PocViewTask = {
  /** Present for members (inline editing keys on it); absent in anonymous views. */
  id: string | null;
  title: string;
  status: TaskStatus;
  assignee_name: string | null;
  /** Members only (the inline task editor preselects it); absent in anonymous views. */
  assignee_id?: string | null;
  due_date: string | null;
  /** Due before today and not done. */
  overdue: boolean;
};

export type PocViewGroup = { id: string | null; name: string; tasks: PocViewTask[]; done: number; total: number };

/** What a read-only task row shows, and so all a client component's props carry of a task (no ids). */
export type ReadOnlyTask = Pick<PocViewTask, "title" | "status" | "assignee_name" | "due_date" | "overdue">;
export type ReadOnlyGroup = Omit<PocViewGroup, "tasks"> & { tasks: ReadOnlyTask[] };

export const readOnlyGroup = (group: PocViewGroup): ReadOnlyGroup => ({
  ...group,
  tasks: group.tasks.map(({ title, status, assignee_name, due_date, overdue }) => ({ title, status, assignee_name, due_date, overdue })),
});

export type PocViewCriterion = { id: string | null; description: string; status: CriterionStatus };

export type PocViewComment = {
  id: string;
  /** The author's user id for members (own-comment controls key on it); null for guests and anonymous views. */
  author_id: string | null;
  author_name: string;
  author_kind: "user" | "guest";
  body: string;
  /** Only ever true in views of the POC's own tenant (see PocViewContext.include_internal). */
  internal: boolean;
  created_at: string;
  edited_at: string | null;
  /** Removed: shown as a placeholder only while replies hang under it; the body is empty. */
  deleted: boolean;
  replies: PocViewComment[];
};

export type PocViewProgress = { tasks_done: number; tasks_total: number; criteria_met: number; criteria_total: number };

export type PocView = {
  /** The tenant's name, shown in the header ("Acme"); null where the source does not carry it. */
  organisation: string | null;
  title: string;
  customer: string;
  description: string;
  objectives: string;
  status: PocStatus;
  start_date: string | null;
  end_date: string | null;
  /** "Shared by {name} on {date}" for shared views; null on the member's own page. */
  shared_by: { name: string; at: string } | null;
  /** Members only (the anonymous document carries neither): the owner's name, the last change. */
  owner_name: string | null;
  updated_at: string | null;
  task_groups: PocViewGroup[];
  success_criteria: PocViewCriterion[];
  progress: PocViewProgress;
  /** Threads, oldest first, replies nested; null when the viewer may not see comments. */
  comments: PocViewComment[] | null;
};

export type PocViewContext = {
  /** The viewer's "today" for the Overdue tag, as YYYY-MM-DD (UTC unless the caller knows better). */
  today: string;
  organisation?: string | null;
  shared_by?: { name: string; at: string } | null;
  /** Internal comments are left out unless the caller says so (only the member page of the POC's tenant does). */
  include_internal?: boolean;
};

export const todayIso = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

const isOverdue = (task: { status: TaskStatus; due_date: string | null }, today: string) =>
  task.status !== "done" && task.due_date !== null && task.due_date < today;

type FlatComment = Omit<PocViewComment, "replies"> & { parent_id: string | null };

/**
 * Flat rows (any order) → threads: roots oldest first, each reply under its parent, oldest
 * first. A removed comment with no remaining replies disappears; one with replies stays as a
 * placeholder. A reply whose parent is not in the rows (left out) is left out with it.
 */
export function threadComments(rows: FlatComment[]): PocViewComment[] {
  const sorted = [...rows].sort((a, b) => a.created_at.localeCompare(b.created_at));
  const byId = new Map<string, PocViewComment>();
  for (const { parent_id, ...c } of sorted) byId.set(c.id, { ...c, replies: [] });
  const roots: PocViewComment[] = [];
  for (const row of sorted) {
    const node = byId.get(row.id)!;
    if (!row.parent_id) roots.push(node);
    else byId.get(row.parent_id)?.replies.push(node);
  }
  const prune = (nodes: PocViewComment[]): PocViewComment[] =>
    nodes.flatMap((n) => {
      const replies = prune(n.replies);
      return n.deleted && replies.length === 0 ? [] : [{ ...n, replies }];
    });
  return prune(roots);
}

type SourceGroup = { id?: string; name: string; tasks: (Omit<PocViewTask, "overdue" | "id"> & { id?: string })[] };
type SourceCriterion = { id?: string; description: string; status: CriterionStatus };

function assemble(
  base: Pick<PocView, "title" | "customer" | "description" | "objectives" | "status" | "start_date" | "end_date" | "owner_name" | "updated_at">,
  groups: SourceGroup[],
  criteria: SourceCriterion[],
  comments: FlatComment[] | null,
  ctx: PocViewContext,
): PocView {
  const task_groups = groups.map((g) => {
    const tasks = g.tasks.map((t) => ({ ...t, id: t.id ?? null, overdue: isOverdue(t, ctx.today) }));
    return { id: g.id ?? null, name: g.name, tasks, done: tasks.filter((t) => t.status === "done").length, total: tasks.length };
  });
  const success_criteria = criteria.map((c) => ({ id: c.id ?? null, description: c.description, status: c.status }));
  return {
    organisation: ctx.organisation ?? null,
    ...base,
    shared_by: ctx.shared_by ?? null,
    task_groups,
    success_criteria,
    progress: {
      tasks_done: task_groups.reduce((n, g) => n + g.done, 0),
      tasks_total: task_groups.reduce((n, g) => n + g.total, 0),
      criteria_met: success_criteria.filter((c) => c.status === "met").length,
      criteria_total: success_criteria.length,
    },
    comments: comments ? threadComments(comments) : null,
  };
}

const baseOf = (p: PocDetail | PublicPocView) => ({
  title: p.title,
  customer: p.customer,
  description: p.description,
  objectives: p.objectives,
  status: p.status,
  start_date: p.start_date,
  end_date: p.end_date,
});

/** The member's view: everything the signed-in API returns for a POC they may see. */
export function pocViewFromDetail(poc: PocDetail, ctx: PocViewContext): PocView {
  const groups = poc.task_groups.map((g) => ({
    id: g.id,
    name: g.name,
    tasks: g.tasks.map((t) => ({ id: t.id, title: t.title, status: t.status, assignee_name: t.assignee?.name ?? null, assignee_id: t.assignee?.id ?? null, due_date: t.due_date })),
  }));
  const comments = poc.comments
    .filter((c) => ctx.include_internal || !c.internal)
    .map((c) => ({
      id: c.id,
      parent_id: c.parent_id,
      author_id: c.author.id,
      author_name: c.author.name,
      author_kind: c.author.kind,
      body: c.body,
      internal: c.internal,
      created_at: c.created_at,
      edited_at: c.edited_at,
      deleted: c.deleted,
    }));
  return assemble({ ...baseOf(poc), owner_name: poc.owner.name, updated_at: poc.updated_at }, groups, poc.success_criteria, comments, ctx);
}

/** The anonymous view (share page, embed, public exports): only the allowlisted fields. */
export function pocViewFromPublic(view: PublicPocView, ctx: PocViewContext): PocView {
  // The public document never holds internal comments (the database leaves them out).
  const comments = view.comments?.map((c) => ({ ...c, author_id: null, internal: false })) ?? null;
  return assemble({ ...baseOf(view), owner_name: null, updated_at: null }, view.task_groups, view.success_criteria, comments, ctx);
}
