import type { ReactNode } from "react";

/** A column's heading; a `hidden` one is read by assistive technology only (a Move or Actions column). */
export type Column = string | { label: string; hidden: true };

/** The heading of the last column, the one that holds a row's buttons. */
export const ACTIONS_COLUMN: Column = { label: "Actions", hidden: true };

export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) =>
          typeof column === "string" ? (
            <th key={column} scope="col">
              {column}
            </th>
          ) : (
            <th key={column.label} scope="col">
              <span className="visually-hidden">{column.label}</span>
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** A table of records (members, tokens, links…): scrolls sideways on narrow screens, named by its heading. */
export function DataTable({ labelledBy, columns, className, children }: { labelledBy: string; columns: Column[]; className?: string; children: ReactNode }) {
  return (
    // Focusable so keyboard users can scroll it sideways on narrow screens.
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={labelledBy}>
      <table className={`data-table${className ? ` ${className}` : ""}`} aria-labelledby={labelledBy}>
        <TableHead columns={columns} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A card with a heading and either its table or, with no rows, a sentence that says so. */
export function TableCard({
  headingId,
  title,
  columns,
  empty,
  className,
  children,
}: {
  headingId: string;
  title: ReactNode;
  columns: Column[];
  /** Shown instead of the table when there are no rows; null when there are. */
  empty: ReactNode | null;
  className?: string;
  children: ReactNode;
}) {
  return (
    // Not a named landmark itself: the table's scrolling region already carries the heading's
    // name, and two landmarks with one name are ambiguous to screen readers (axe landmark-unique).
    <section className="card">
      <h2 id={headingId} className="card-title">
        {title}
      </h2>
      {empty ? (
        <div className="empty-state">
          <p className="muted">{empty}</p>
        </div>
      ) : (
        <DataTable labelledBy={headingId} columns={columns} className={className}>
          {children}
        </DataTable>
      )}
    </section>
  );
}

/** The last cell of a row: its buttons, right-aligned. */
export function RowActions({ children }: { children: ReactNode }) {
  return <td className="row-actions">{children}</td>;
}
