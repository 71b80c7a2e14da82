import { describe, expect, it } from "vitest";
import { pocViewFromPublic, threadComments } from "@/lib/pocs/view-model";
import type { PublicPocView } from "@/lib/sharing/schemas";

const base: PublicPocView = {
  title: "T",
  description: "",
  customer: "C",
  objectives: "",
  status: "active",
  start_date: null,
  end_date: null,
  task_groups: [
    {
      name: "G",
      tasks: [
        { title: "late", status: "todo", assignee_name: null, due_date: "2026-11-30" },
        { title: "late but done", status: "done", assignee_name: "A", due_date: "2026-11-01" },
        { title: "today", status: "in_progress", assignee_name: null, due_date: "2026-12-01" },
      ],
    },
  ],
  success_criteria: [
    { description: "a", status: "met" },
    { description: "b", status: "pending" },
  ],
  actions: ["view"],
  viewer_email: null,
};

describe("POC view model", () => {
  it("marks overdue only for open tasks due before today, and counts progress", () => {
    const view = pocViewFromPublic(base, { today: "2026-12-01" });
    expect(view.task_groups[0]!.tasks.map((t) => t.overdue)).toEqual([true, false, false]);
    expect(view.progress).toEqual({ tasks_done: 1, tasks_total: 3, criteria_met: 1, criteria_total: 2 });
    expect(view.comments).toBeNull();
  });

  it("threads replies under their parents, oldest first", () => {
    const c = (id: string, parent_id: string | null, created_at: string) => ({
      id,
      parent_id,
      author_id: null,
      author_name: id,
      author_kind: "user" as const,
      body: id,
      internal: false,
      created_at,
      edited_at: null,
      deleted: false,
    });
    const threads = threadComments([c("r2", "a", "2026-01-04"), c("b", null, "2026-01-02"), c("a", null, "2026-01-01"), c("r1", "a", "2026-01-03")]);
    expect(threads.map((t) => t.id)).toEqual(["a", "b"]);
    expect(threads[0]!.replies.map((r) => r.id)).toEqual(["r1", "r2"]);
  });
});
