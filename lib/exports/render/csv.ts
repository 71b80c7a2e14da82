/**
 * The CSV export: the tasks table (and criteria), one stamp line first. Cells go through
 * csv-stringify with `escape_formulas` (a leading = + - @ TAB CR gets a `'`), plus the cases
 * it does not see: a formula that starts after whitespace or NBSP, after a `,` or `;` inside
 * the cell (a spreadsheet in a `;` locale, or a naive splitter, reads those as new cells), and
 * the full-width forms of the trigger characters. Every field is quoted as well.
 */
import { stringify } from "csv-stringify/sync";
import type { PocView } from "../../pocs/view-model";
import { stampLine, type ExportStamp } from "../stamp";
import { statusLabel } from "./labels";

const TRIGGER = "=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20";
const SPACE = "\\s\\u00A0\\u1680\\u2000-\\u200B\\u202F\\u205F\\u3000\\uFEFF";
/** A segment start (cell start, or after `,`/`;`), optional spaces, then a trigger. */
const SEGMENT_FORMULA = new RegExp(`(^|[,;])([${SPACE}]*)(?=[${TRIGGER}])`, "g");

/** Puts a `'` before every formula trigger that starts a segment (csv-stringify handles position 0). */
export function neutraliseFormulas(text: string): string {
  return text.replace(SEGMENT_FORMULA, (match, sep: string, spaces: string, offset: number) =>
    offset === 0 && sep === "" && spaces === "" && /^[=+\-@\t\r]/.test(text) ? match : `${sep}${spaces}'`,
  );
}

const cell = (value: string | null): string => neutraliseFormulas(value ?? "");

export function renderCsv(view: PocView, stamp: ExportStamp): string {
  const rows: string[][] = [[stampLine(stamp)], ["Section", "Group", "Item", "Status", "Assignee", "Due date", "Overdue"]];
  for (const group of view.task_groups) {
    for (const t of group.tasks) {
      rows.push(["Task", group.name, t.title, statusLabel("task", t.status), t.assignee_name ?? "", t.due_date ?? "", t.overdue ? "Overdue" : ""]);
    }
  }
  for (const c of view.success_criteria) rows.push(["Success criterion", "", c.description, statusLabel("criterion", c.status), "", "", ""]);
  return stringify(rows.map((r) => r.map(cell)), { escape_formulas: true, quoted: true, record_delimiter: "windows", bom: true });
}
