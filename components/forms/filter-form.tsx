import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "./form-controls";

// A list page's filters as a plain GET form: the URL carries them, so a filtered list can be
// shared and reloaded, and the form works before any JavaScript has loaded.

export function FilterForm({ label, clearHref, filtered, children }: { label: string; clearHref: string; filtered: boolean; children: ReactNode }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-4" aria-label={label}>
      {children}
      <Button type="submit" tone="secondary">
        Filter
      </Button>
      {filtered && (
        <Link href={clearHref} className="pb-2 text-sm text-indigo-700 hover:underline">
          Clear filters
        </Link>
      )}
    </form>
  );
}

/** One filter: "Any …" (no filter) or one of the options. */
export function FilterSelect({
  name,
  label,
  value,
  anyLabel,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  anyLabel: string;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <label className="text-sm font-medium text-slate-800">
      {label}
      <select name={name} defaultValue={value ?? ""} className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm">
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
