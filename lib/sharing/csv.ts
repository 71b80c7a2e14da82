/** CSV export of a POC's tasks and criteria (RFC 4180 quoting, spreadsheet-formula safe). */
import type { PublicPocView } from "./schemas";

function cell(value: string | null): string {
  let text = value ?? "";
  // A cell starting with = + - @ (or a control char) would run as a formula in spreadsheets.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (values: (string | null)[]) => values.map(cell).join(",");

export function pocCsv(view: PublicPocView): string {
  const lines = [row(["Section", "Group", "Item", "Status", "Assignee", "Due date"])];
  for (const group of view.task_groups) {
    for (const task of group.tasks) lines.push(row(["Task", group.name, task.title, task.status, task.assignee_name, task.due_date]));
  }
  for (const c of view.success_criteria) lines.push(row(["Success criterion", null, c.description, c.status, null, null]));
  return `${lines.join("\r\n")}\r\n`;
}
