import type { ReactNode } from "react";

// Every list table: a caption for screen readers, one header style, one cell style, and the
// button that opens a row's details underneath it.

export function DataTable({ caption, headers, children }: { caption: string; headers: ReactNode[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {headers.map((header, index) => (
              <th key={index} scope="col" className="px-3 py-2 font-medium">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

/** A column heading only screen readers hear, e.g. over a column of buttons. */
export function hiddenHeader(label: string): ReactNode {
  return <span className="sr-only">{label}</span>;
}

export function Cell({ children, className = "" }: { children?: ReactNode; className?: string }) {
  return <td className={`px-3 py-2 align-top ${className}`}>{children}</td>;
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
