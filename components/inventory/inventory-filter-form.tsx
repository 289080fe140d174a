"use client";

import { usePathname, useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { filtersToQuery, INVENTORY_STATUSES, INVENTORY_TYPES, ORPHANED, type InventoryFilters } from "@/lib/inventory/inventory-filters";
import { DATA_CLASSIFICATIONS, ENVIRONMENTS, SENSITIVITIES } from "@/lib/inventory/vocabulary";
import { Button, inputClassName, secondaryButtonClassName } from "@/components/forms/form-controls";

// The inventory's filters as an ordinary GET form, so the URL carries them (and the export link
// reuses them). With JavaScript, empty fields are left out of the URL and a choice applies at once.

type FilterValues = Partial<Record<keyof InventoryFilters, string>>;

function Choice({ name, label, value, options }: { name: keyof InventoryFilters; label: string; value?: string; options: { value: string; label: string }[] }) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select
        id={`filter-${name}`}
        name={name}
        defaultValue={value ?? ""}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
        className={`${inputClassName} mt-0.5 py-1.5`}
      >
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const plain = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

export function InventoryFilterForm({ values, owners }: { values: FilterValues; owners: { id: string; name: string; active: boolean }[] }) {
  const router = useRouter();
  const pathname = usePathname();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: FilterValues = {};
    for (const [key, value] of form.entries()) next[key as keyof InventoryFilters] = String(value).trim();
    router.push(`${pathname}${filtersToQuery(next)}`);
  }

  return (
    // The key remounts the form when the URL changes (back button, "Clear"), so it shows what is applied.
    <form key={JSON.stringify(values)} action={pathname} method="get" onSubmit={onSubmit} role="search" aria-label="Filter the inventory" className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <label htmlFor="filter-q" className="block text-xs font-medium text-slate-600">
            Search
          </label>
          <input id="filter-q" name="q" type="search" defaultValue={values.q ?? ""} placeholder="Name, system or purpose" className={`${inputClassName} mt-0.5 py-1.5`} />
        </div>
        <Button type="submit">Search</Button>
        <button type="button" onClick={() => router.push(pathname)} className={secondaryButtonClassName}>
          Clear filters
        </button>
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <Choice name="type" label="Type" value={values.type} options={plain(INVENTORY_TYPES)} />
        <Choice name="environment" label="Environment" value={values.environment} options={plain(ENVIRONMENTS)} />
        <Choice name="status" label="Status" value={values.status} options={plain(INVENTORY_STATUSES)} />
        <Choice
          name="owner"
          label="Owner"
          value={values.owner}
          options={[{ value: ORPHANED, label: "Orphaned (no active owner)" }, ...owners.map((o) => ({ value: o.id, label: o.active ? o.name : `${o.name} (deactivated)` }))]}
        />
        <Choice name="sensitivity" label="Sensitivity" value={values.sensitivity} options={plain(SENSITIVITIES)} />
        <Choice name="classification" label="Classification" value={values.classification} options={plain(DATA_CLASSIFICATIONS)} />
      </div>
    </form>
  );
}
