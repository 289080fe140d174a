"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { assignTriageAction, changeTriageStatusAction } from "@/app/(console)/interactions/actions";
import { Cell, DataTable, hiddenHeader } from "@/components/data-table";
import { Button, errorFor, Field, FormAlert, FormSuccess, inputClassName, otherErrors } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";
import { formatDate } from "@/components/ui";
import type { QueueRow } from "@/lib/triage/list-queue";
import { categoryLabel } from "@/lib/triage/labels";
import { queueHref } from "@/lib/triage/queue-filters";
import { TRIAGE_STATUS_LABELS } from "@/lib/triage/status";
import { SETTABLE_STATUSES } from "@/lib/triage/transitions";
import { groupKind, SeverityBadge, TriageStatusBadge } from "./badges";

// The queue's rows. Each row's summary is a link to the interaction (Tab moves row to row). With
// triage:write, rows can be selected for a bulk change; in the grouped view a selected row stands
// for its whole group, so one decision covers one attack.

type Person = { id: string; name: string };

function summary(row: QueueRow): string {
  const categories = row.categories.map(categoryLabel).join(", ") || "Flagged";
  return row.rules.length ? `${categories} — ${row.rules.join(", ")}` : categories;
}

/**
 * `from` is the queue's own query string (filters and page): each interaction link carries it, so the
 * interaction page's "Back to the queue" returns to this view rather than the default one.
 */
export function QueueTable({ rows, grouped, canWrite, assignees, from }: { rows: QueueRow[]; grouped: boolean; canWrite: boolean; assignees: Person[]; from: string }) {
  const [selected, setSelected] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const keyOf = (row: QueueRow) => (grouped ? row.groupKey : row.interactionId);
  const allKeys = [...new Set(rows.map(keyOf))];
  const chosen = rows.filter((row) => selected.includes(keyOf(row)));
  const itemCount = grouped ? chosen.reduce((sum, row) => sum + 1 + row.related, 0) : chosen.length;

  const toggle = (key: string, on: boolean) => setSelected((current) => (on ? [...new Set([...current, key])] : current.filter((k) => k !== key)));

  return (
    <>
      {canWrite && selected.length > 0 && (
        <BulkActions
          selection={grouped ? { groupKeys: selected, interactionIds: [] } : { groupKeys: [], interactionIds: selected }}
          description={grouped ? `${selected.length} group${selected.length === 1 ? "" : "s"} selected (${itemCount}${chosen.some((r) => r.relatedCapped) ? "+" : ""} interactions in view)` : `${selected.length} interaction${selected.length === 1 ? "" : "s"} selected`}
          assignees={assignees}
          onDone={(message) => {
            setSelected([]);
            setNotice(message);
          }}
        />
      )}
      {notice && selected.length === 0 && (
        <div className="mb-4">
          <FormSuccess>{notice}</FormSuccess>
        </div>
      )}
      <DataTable
        caption={grouped ? "Flagged interactions, one row per group of related interactions" : "Flagged interactions"}
        headers={[
          canWrite ? (
            <input
              key="all"
              type="checkbox"
              aria-label={grouped ? "Select every group on this page" : "Select every interaction on this page"}
              checked={allKeys.length > 0 && allKeys.every((k) => selected.includes(k))}
              onChange={(e) => setSelected(e.target.checked ? allKeys : [])}
              className="h-4 w-4"
            />
          ) : (
            hiddenHeader("Selection")
          ),
          "Finding",
          "When",
          "Severity",
          "Status",
          "Workflow and owner",
          "Source and model",
          "Assignee",
          grouped ? "Related" : "Group",
        ]}
      >
        {rows.map((row) => (
          <tr key={row.interactionId} data-testid="queue-row" data-interaction-id={row.interactionId} className="hover:bg-slate-50">
            <Cell>
              {canWrite && (
                <input
                  type="checkbox"
                  aria-label={`Select ${summary(row)}, ${formatDate(row.occurredAt)}${grouped && row.related ? ` and its ${row.related} related` : ""}`}
                  checked={selected.includes(keyOf(row))}
                  onChange={(e) => toggle(keyOf(row), e.target.checked)}
                  className="h-4 w-4"
                />
              )}
            </Cell>
            <Cell>
              <Link href={from ? `/interactions/${row.interactionId}?${new URLSearchParams({ from })}` : `/interactions/${row.interactionId}`} className="font-medium text-indigo-700 hover:underline focus:underline">
                {summary(row)}
              </Link>
              {row.owasp.length > 0 && <span className="block text-xs text-slate-500">{row.owasp.join(", ")}</span>}
            </Cell>
            <Cell className="whitespace-nowrap">{formatDate(row.occurredAt)}</Cell>
            <Cell>
              <SeverityBadge severity={row.severity} />
            </Cell>
            <Cell>
              <TriageStatusBadge status={row.status} />
            </Cell>
            <Cell>
              {row.workflow ? (
                <Link href={`/workflows/${row.workflow.id}`} className="hover:underline">
                  {row.workflow.name}
                </Link>
              ) : (
                <span className="text-slate-600">Unregistered{row.identityKey ? ` (${row.identityKey})` : ""}</span>
              )}
              <span className="block text-xs text-slate-500">{row.owner ? row.owner.name : row.workflow ? "No owner" : "Nobody accountable"}</span>
            </Cell>
            <Cell>
              {row.source}
              <span className="block text-xs text-slate-500">{row.model ?? "—"}</span>
            </Cell>
            <Cell>{row.assignee?.name ?? <span className="text-slate-500">Unassigned</span>}</Cell>
            <Cell className="whitespace-nowrap">
              {row.related > 0 ? (
                <Link href={queueHref({ group: row.groupKey, view: "all", status: "all" })} className="text-indigo-700 hover:underline" title={`Related by ${groupKind(row.groupKey)}`}>
                  +{row.related}
                  {row.relatedCapped ? "+" : ""} related
                  <span className="sr-only"> ({groupKind(row.groupKey)})</span>
                </Link>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </Cell>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

function BulkActions({
  selection,
  description,
  assignees,
  onDone,
}: {
  selection: { groupKeys: string[]; interactionIds: string[] };
  description: string;
  assignees: Person[];
  onDone: (message: string) => void;
}) {
  const router = useRouter();
  const [kind, setKind] = useState<"status" | "assign">("status");
  const [status, setStatus] = useState<string>("in_review");
  const [assigneeId, setAssigneeId] = useState("");
  const [reason, setReason] = useState("");
  const done = (result: { changed: number; unchanged: number; skipped: { reason: string }[] }) => {
    const skipped = result.skipped.length ? ` ${result.skipped.length} left as they were: ${[...new Set(result.skipped.map((s) => s.reason))].join(" ")}` : "";
    onDone(`Changed ${result.changed}; ${result.unchanged} already so.${skipped}`);
    router.refresh();
  };
  const changeStatus = useActionMutation(changeTriageStatusAction, done);
  const assign = useActionMutation(assignTriageAction, done);
  const active = kind === "status" ? changeStatus : assign;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (kind === "status") changeStatus.run({ ...selection, status: status as (typeof SETTABLE_STATUSES)[number], reason });
    else assign.run({ ...selection, assigneeId, reason });
  }

  return (
    <form onSubmit={onSubmit} aria-label="Change the selected items" className="mb-4 space-y-3 rounded-lg border border-indigo-200 bg-indigo-50 p-4" noValidate>
      <p className="text-sm font-medium text-indigo-900" role="status">
        {description}
      </p>
      <FormAlert messages={[active.formError, ...otherErrors(active.fieldErrors, ["status", "assigneeId", "reason"])]} />
      <div className="grid gap-3 md:grid-cols-4">
        <Field name="bulkKind" label="Change">
          {(control) => (
            <select {...control} value={kind} onChange={(e) => setKind(e.target.value as "status" | "assign")} className={inputClassName}>
              <option value="status">Status</option>
              <option value="assign">Assignee</option>
            </select>
          )}
        </Field>
        {kind === "status" ? (
          <Field name="bulkStatus" label="New status" error={errorFor(active.fieldErrors, "status")}>
            {(control) => (
              <select {...control} value={status} onChange={(e) => setStatus(e.target.value)} className={inputClassName}>
                {SETTABLE_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {TRIAGE_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <Field name="bulkAssignee" label="Assign to" error={errorFor(active.fieldErrors, "assigneeId")}>
            {(control) => (
              <select {...control} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)} className={inputClassName}>
                <option value="">Nobody (unassign)</option>
                {assignees.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <div className="md:col-span-2">
          <Field name="bulkReason" label="Reason" hint="Kept in each item's history and the audit trail." error={errorFor(active.fieldErrors, "reason")}>
            {(control) => <input {...control} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} className={inputClassName} />}
          </Field>
        </div>
      </div>
      <Button type="submit" pending={active.pending} pendingText="Applying…">
        Apply to selection
      </Button>
    </form>
  );
}
