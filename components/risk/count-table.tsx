import Link from "next/link";
import type { ReactNode } from "react";
import { Cell, DataTable } from "@/components/data-table";

// The text alternative of a chart, and the keyboard's way into what it counts: one row per bar,
// the name linking to the list behind it, the counts in words and numbers.

export interface CountRow {
  key: string;
  name: ReactNode;
  href?: string;
  /** Says where the link goes, for screen readers ("open prompt injection items in the queue"). */
  linkLabel?: string;
  values: (number | string)[];
}

export function CountTable({ caption, headers, rows, empty }: { caption: string; headers: string[]; rows: CountRow[]; empty?: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">{empty ?? "Nothing in this period."}</p>;
  return (
    <DataTable caption={caption} headers={headers}>
      {rows.map((row) => (
        <tr key={row.key}>
          <Cell>
            {row.href ? (
              <Link href={row.href} className="text-indigo-700 hover:underline" aria-label={row.linkLabel}>
                {row.name}
              </Link>
            ) : (
              row.name
            )}
          </Cell>
          {row.values.map((value, index) => (
            <Cell key={index} className="tabular-nums">
              {typeof value === "number" ? value.toLocaleString("en") : value}
            </Cell>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}

/** A table that stays folded until asked for: the long per-day tables under the time charts. */
export function TableDisclosure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-indigo-700 hover:underline">{label}</summary>
      <div className="mt-2 max-h-80 overflow-y-auto">{children}</div>
    </details>
  );
}

export function QueueLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="text-sm font-medium text-indigo-700 hover:underline">
      {children} →
    </Link>
  );
}
