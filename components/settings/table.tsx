import type { ReactNode } from "react";

// The list tables of the admin and evidence screens: one header style, one cell style, and the
// button that opens a row's details underneath it.

export const CELL = "px-3 py-2 align-top";

/** Column headings; a column without a visible heading still gets one for screen readers. */
export function TableHeader({ columns }: { columns: { label: string; hidden?: boolean }[] }) {
  return (
    <thead className="border-b border-slate-200">
      <tr>
        {columns.map((column) => (
          <th key={column.label} className="whitespace-nowrap px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            {column.hidden ? <span className="sr-only">{column.label}</span> : column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** Opens and closes the details row with id `controls`; `subject` makes the name unique per row. */
export function DisclosureButton({
  expanded,
  controls,
  onToggle,
  label,
  subject,
}: {
  expanded: boolean;
  controls: string;
  onToggle: () => void;
  label: { open: string; closed: string };
  subject: string;
}) {
  return (
    <button
      type="button"
      aria-expanded={expanded}
      aria-controls={controls}
      onClick={onToggle}
      className="whitespace-nowrap rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
    >
      {expanded ? label.open : label.closed}
      <span className="sr-only"> {subject}</span>
    </button>
  );
}

export function Table({ header, children }: { header: ReactNode; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        {header}
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
