"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { asOptions, Button, Field, inputClassName, SelectField, TextField } from "@/components/forms/form-controls";

export interface AuditFilterValues {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

const FIELDS = ["actor", "action", "targetType", "targetId", "from", "to"] as const;

/** "user.create", "user.deactivate" → the option "user.*" (every user action) above them. */
function groupActions(actions: string[]): { namespace: string; actions: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const action of actions) {
    const namespace = action.includes(".") ? action.slice(0, action.indexOf(".")) : action;
    groups.set(namespace, [...(groups.get(namespace) ?? []), action]);
  }
  return [...groups].map(([namespace, grouped]) => ({ namespace, actions: grouped }));
}

/** The filters live in the URL (shareable, back-button friendly); applying one starts at the newest page. */
export function AuditFilters({
  values,
  actions,
  targetTypes,
  fieldErrors,
}: {
  values: AuditFilterValues;
  actions: string[];
  targetTypes: string[];
  fieldErrors: Record<string, string>;
}) {
  const router = useRouter();
  // A value typed into the URL stays selectable even when no event has it (yet).
  const actionChoices = values.action && !values.action.endsWith("*") && !actions.includes(values.action) ? [...actions, values.action].sort() : actions;
  const groups = groupActions(actionChoices);
  const prefixes = new Set(groups.filter((group) => group.actions.length > 1).map((group) => `${group.namespace}.*`));
  const typeChoices = values.targetType && !targetTypes.includes(values.targetType) ? [...targetTypes, values.targetType].sort() : targetTypes;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const params = new URLSearchParams();
    for (const field of FIELDS) {
      const value = String(form.get(field) ?? "").trim();
      if (value) params.set(field, value);
    }
    const query = params.toString();
    router.push(query ? `/audit?${query}` : "/audit");
  }

  return (
    <form onSubmit={onSubmit} method="get" action="/audit" aria-label="Filter the audit trail" className="space-y-4">
      <div className="grid gap-4 md:grid-cols-3 xl:grid-cols-6">
        <TextField label="Actor contains" name="actor" defaultValue={values.actor} error={fieldErrors.actor} />
        <Field label="Action" name="action" error={fieldErrors.action}>
          {(control) => (
            <select {...control} defaultValue={values.action ?? ""} className={inputClassName}>
              <option value="">All actions</option>
              {values.action?.endsWith("*") && !prefixes.has(values.action) && <option value={values.action}>{values.action}</option>}
              {groups.map((group) => (
                <optgroup key={group.namespace} label={group.namespace}>
                  {group.actions.length > 1 && <option value={`${group.namespace}.*`}>{`${group.namespace}.* (all)`}</option>}
                  {group.actions.map((action) => (
                    <option key={action} value={action}>
                      {action}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <SelectField label="Target type" name="targetType" defaultValue={values.targetType ?? ""} emptyOption="Any target" options={asOptions(typeChoices)} error={fieldErrors.targetType} />
        <TextField label="Target id" name="targetId" defaultValue={values.targetId} error={fieldErrors.targetId} />
        <TextField label="From (UTC)" name="from" type="date" defaultValue={values.from} error={fieldErrors.from} />
        <TextField label="To (UTC)" name="to" type="date" defaultValue={values.to} error={fieldErrors.to} />
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit">Apply filters</Button>
        <Link href="/audit" className="text-sm font-medium text-slate-600 hover:underline">
          Clear
        </Link>
      </div>
    </form>
  );
}
