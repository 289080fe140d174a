"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Fragment, useState, type FormEvent } from "react";
import { decideItemsAction, reassignItemAction } from "@/app/(console)/reviews/actions";
import { Cell, DataTable, DisclosureButton, hiddenHeader } from "@/components/data-table";
import { Button, CheckboxGroup, errorFor, Field, FormAlert, FormSuccess, inputClassName, otherErrors, personOptions } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";
import { dateInputToIso, isoToDateInput, resourceLines, resourcesError } from "@/components/grants/form-values";
import { Badge, formatDate } from "@/components/ui";
import { EXECUTION_MODES, MODE_LABELS, modeRank, type ExecutionMode } from "@/lib/grants/scope";
import type { CampaignItem } from "@/lib/reviews/get-campaign";
import { ReviewBadge } from "./badges";

type Choice = "approve" | "deny" | "modify" | "dont_know" | "recommendation";
const CHOICE_LABELS: Record<Choice, string> = {
  approve: "Approve (certify)",
  deny: "Deny (revoke)",
  modify: "Modify (narrow)",
  dont_know: "Don't know (escalate)",
  recommendation: "Accept the recommendation",
};
type Person = { id: string; name: string; email: string; active: boolean };

function Evidence({ item }: { item: CampaignItem }) {
  const snapshot = item.snapshot;
  const usage = snapshot.usage;
  return (
    <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-1 text-sm">
      {snapshot.kind === "grant" ? (
        <>
          <dt className="text-slate-500">Scope</dt>
          <dd>
            <span className="font-mono text-xs">{snapshot.resources.join(", ")}</span> · {snapshot.actions.join(", ")} · {snapshot.mode}
          </dd>
          <dt className="text-slate-500">Age</dt>
          <dd>
            granted {item.ageDays} days ago · expires {snapshot.expiresAt ? formatDate(snapshot.expiresAt) : "never"}
          </dd>
        </>
      ) : (
        <>
          <dt className="text-slate-500">Credential</dt>
          <dd>
            {snapshot.credentialKind.replaceAll("_", " ")} for {snapshot.connectorName ?? "no connector"} · {snapshot.environment}
          </dd>
          <dt className="text-slate-500">Age</dt>
          <dd>
            {snapshot.lastRotatedAt ? "rotated" : "issued"} {item.ageDays} days ago (policy: every {snapshot.rotationPolicyDays} days) · expires{" "}
            {snapshot.expiresAt ? formatDate(snapshot.expiresAt) : "never"}
          </dd>
          <dt className="text-slate-500">Used by</dt>
          <dd>{snapshot.workflows.length > 0 ? snapshot.workflows.map((w) => w.name).join(", ") : "no workflow"}</dd>
        </>
      )}
      <dt className="text-slate-500">Last exercised</dt>
      <dd>{!usage.hasLogData ? "no log data for this workflow" : usage.lastUsedAt ? `${formatDate(usage.lastUsedAt)} (${usage.calls} calls)` : "not in the last 90 days"}</dd>
      <dt className="text-slate-500">Actions used</dt>
      <dd>{usage.actionsUsed.length > 0 ? usage.actionsUsed.join(", ") : "—"}</dd>
      <dt className="text-slate-500">Resources used</dt>
      <dd className="font-mono text-xs">{usage.resourcesUsed.length > 0 ? usage.resourcesUsed.join(", ") : "—"}</dd>
      <dt className="text-slate-500">Open findings</dt>
      <dd>
        {item.findings.length === 0 && item.openInteractionFindings === 0 && "none"}
        <ul>
          {item.findings.map((f) => (
            <li key={f.id}>
              <Badge tone={f.severity === "high" || f.severity === "critical" ? "bad" : "warn"}>{f.severity}</Badge> {f.title}
            </li>
          ))}
          {item.openInteractionFindings > 0 && <li>{item.openInteractionFindings} open findings on its interactions</li>}
        </ul>
      </dd>
    </dl>
  );
}

function DecideForm({ campaignId, item }: { campaignId: string; item: CampaignItem }) {
  const router = useRouter();
  const [choice, setChoice] = useState<Choice>(item.recommendation === "no_information" ? "approve" : "recommendation");
  const [justification, setJustification] = useState("");
  // Only grants narrow; a credential is approved or denied.
  const scope = item.snapshot.kind === "grant" ? item.snapshot : null;
  const [resources, setResources] = useState(scope?.resources.join("\n") ?? "");
  const [actions, setActions] = useState(item.recommendedActions.length > 0 ? item.recommendedActions : (scope?.actions ?? []));
  const [mode, setMode] = useState<ExecutionMode>(scope?.mode ?? "suggest");
  const grantedExpiry = isoToDateInput(scope?.expiresAt ?? null);
  const [expiresOn, setExpiresOn] = useState(grantedExpiry);
  const decide = useActionMutation(decideItemsAction, () => router.refresh());
  const choices = (Object.keys(CHOICE_LABELS) as Choice[]).filter((c) => (c !== "recommendation" || item.recommendation !== "no_information") && (c !== "modify" || scope));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const base = { campaignId, itemIds: [item.id], justification: justification || undefined };
    if (choice !== "modify") return decide.run({ ...base, decision: choice });
    decide.run({
      ...base,
      decision: "modify",
      resources: resourceLines(resources),
      actions,
      mode,
      expiresAt: expiresOn === grantedExpiry ? undefined : dateInputToIso(expiresOn),
    });
  }
  const errors = decide.fieldErrors;
  const needsJustification = choice === "deny" || choice === "modify" || (choice === "approve" && item.highRisk);
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label={`Decide ${item.subject}`}>
      <FormAlert messages={[decide.formError, ...otherErrors(errors, ["justification", "resources", "actions", "mode", "expiresAt"])]} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Decision</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {choices.map((c) => (
            <label key={c} className="inline-flex items-center gap-2 text-sm">
              <input type="radio" name={`decision-${item.id}`} value={c} checked={choice === c} onChange={() => setChoice(c)} className="h-4 w-4" />
              {CHOICE_LABELS[c]}
            </label>
          ))}
        </div>
      </fieldset>
      {choice === "modify" && scope && (
        <div className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-3">
          <Field name={`resources-${item.id}`} label="Resources to keep (one per line)" error={resourcesError(errors)}>
            {(control) => <textarea {...control} rows={2} value={resources} onChange={(e) => setResources(e.target.value)} className={`${inputClassName} font-mono`} />}
          </Field>
          <CheckboxGroup name={`actions-${item.id}`} legend="Actions to keep" options={scope.actions.map((a) => ({ value: a, label: a }))} selected={actions} onChange={setActions} error={errorFor(errors, "actions")} />
          <Field name={`mode-${item.id}`} label="Execution mode" error={errorFor(errors, "mode")}>
            {(control) => (
              <select {...control} value={mode} onChange={(e) => setMode(e.target.value as ExecutionMode)} className={inputClassName}>
                {EXECUTION_MODES.filter((m) => modeRank(m) <= modeRank(scope.mode)).map((m) => (
                  <option key={m} value={m}>
                    {MODE_LABELS[m]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name={`expiresAt-${item.id}`} label="Expires on (00:00 UTC)" error={errorFor(errors, "expiresAt")}>
            {(control) => <input {...control} type="date" max={grantedExpiry || undefined} value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} className={inputClassName} />}
          </Field>
        </div>
      )}
      <Field name={`justification-${item.id}`} label={needsJustification ? "Justification" : "Justification (optional)"} error={errorFor(errors, "justification")}>
        {(control) => <textarea {...control} rows={2} maxLength={2000} value={justification} onChange={(e) => setJustification(e.target.value)} className={inputClassName} />}
      </Field>
      {decide.data && (
        <FormSuccess>
          {decide.data.secondStage > 0 ? "Recorded; sent to the second-stage reviewer." : decide.data.escalated > 0 ? "Escalated to the campaign owner." : "Decision recorded."}
        </FormSuccess>
      )}
      <Button type="submit" pending={decide.pending} pendingText="Recording…">
        Record decision
      </Button>
    </form>
  );
}

function ReassignForm({ item, people }: { item: CampaignItem; people: Person[] }) {
  const router = useRouter();
  const [reviewerId, setReviewerId] = useState("");
  const [note, setNote] = useState("");
  const reassign = useActionMutation(reassignItemAction, () => router.refresh());
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        reassign.run({ itemId: item.id, reviewerId, note });
      }}
      className="space-y-3"
      noValidate
      aria-label={`Reassign ${item.subject}`}
    >
      <FormAlert messages={[reassign.formError, ...otherErrors(reassign.fieldErrors, ["reviewerId", "note"])]} />
      <Field name={`reviewer-${item.id}`} label="New reviewer" error={errorFor(reassign.fieldErrors, "reviewerId")}>
        {(control) => (
          <select {...control} value={reviewerId} onChange={(e) => setReviewerId(e.target.value)} className={inputClassName}>
            <option value="">Choose a person</option>
            {personOptions(people.filter((p) => p.id !== item.reviewer?.id)).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name={`note-${item.id}`} label="Note" error={errorFor(reassign.fieldErrors, "note")}>
        {(control) => <textarea {...control} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} className={inputClassName} />}
      </Field>
      <Button type="submit" tone="secondary" pending={reassign.pending} pendingText="Reassigning…">
        Reassign
      </Button>
    </form>
  );
}

function BulkBar({ campaignId, selected, onDone }: { campaignId: string; selected: string[]; onDone: () => void }) {
  const router = useRouter();
  const [decision, setDecision] = useState<Exclude<Choice, "modify">>("recommendation");
  const [justification, setJustification] = useState("");
  const bulk = useActionMutation(decideItemsAction, () => {
    onDone();
    router.refresh();
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        bulk.run({ campaignId, itemIds: selected, decision, justification: justification || undefined });
      }}
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-indigo-200 bg-indigo-50 p-3"
      aria-label="Decide the selected items"
      noValidate
    >
      <p className="text-sm font-medium text-indigo-900">{selected.length} selected</p>
      <label className="text-sm">
        Decision
        <select value={decision} onChange={(e) => setDecision(e.target.value as typeof decision)} className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm">
          {(["recommendation", "approve", "deny", "dont_know"] as const).map((c) => (
            <option key={c} value={c}>
              {CHOICE_LABELS[c]}
            </option>
          ))}
        </select>
      </label>
      <label className="min-w-64 flex-1 text-sm">
        One justification for all
        <input value={justification} onChange={(e) => setJustification(e.target.value)} maxLength={2000} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
      </label>
      <Button type="submit" pending={bulk.pending} pendingText="Recording…">
        Apply to selected
      </Button>
      <div className="w-full">
        <FormAlert messages={[bulk.formError, ...Object.values(bulk.fieldErrors)]} />
        {bulk.data && (
          <FormSuccess>
            {[
              `${bulk.data.decided} decided`,
              bulk.data.secondStage > 0 && `${bulk.data.secondStage} sent to the second stage`,
              bulk.data.escalated > 0 && `${bulk.data.escalated} escalated`,
              bulk.data.skipped > 0 && `${bulk.data.skipped} skipped (no recommendation)`,
            ]
              .filter(Boolean)
              .join(", ")}
            .
          </FormSuccess>
        )}
      </div>
    </form>
  );
}

const SHOW = {
  all: { label: "All items", keep: () => true },
  mine: { label: "Yours to decide", keep: (i: CampaignItem) => i.canDecide && (i.decision === null || i.decision === "dont_know") },
  undecided: { label: "Undecided", keep: (i: CampaignItem) => i.decision === null || i.decision === "dont_know" },
  deny: { label: "Recommended: deny or modify", keep: (i: CampaignItem) => i.recommendation === "deny" || i.recommendation === "modify" },
} as const;

export function ReviewItems({ campaignId, items: allItems, people }: { campaignId: string; items: CampaignItem[]; people: Person[] }) {
  const [open, setOpen] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [show, setShow] = useState<keyof typeof SHOW>("all");
  const items = allItems.filter(SHOW[show].keep);
  const decidable = items.filter((i) => i.canDecide);
  return (
    <>
      <label className="mb-3 inline-flex items-center gap-2 text-sm text-slate-700">
        Show
        <select
          value={show}
          onChange={(e) => {
            setShow(e.target.value as keyof typeof SHOW);
            setSelected([]);
          }}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm"
        >
          {(Object.keys(SHOW) as (keyof typeof SHOW)[]).map((key) => (
            <option key={key} value={key}>
              {`${SHOW[key].label} (${allItems.filter(SHOW[key].keep).length})`}
            </option>
          ))}
        </select>
      </label>
      {selected.length > 0 && <BulkBar campaignId={campaignId} selected={selected} onDone={() => setSelected([])} />}
      <DataTable
        caption="Review items"
        headers={[
          decidable.length > 0 ? (
            <input
              key="all"
              type="checkbox"
              aria-label="Select every item you can decide"
              checked={decidable.length > 0 && decidable.every((i) => selected.includes(i.id))}
              onChange={(e) => setSelected(e.target.checked ? decidable.map((i) => i.id) : [])}
              className="h-4 w-4"
            />
          ) : (
            hiddenHeader("Select")
          ),
          "Grant or credential",
          "Scope",
          "Last exercised",
          "Recommendation",
          "Reviewer",
          "Decision",
          "Result",
          hiddenHeader("Details"),
        ]}
      >
        {items.map((item) => {
          const detailsId = `item-${item.id}`;
          return (
            <Fragment key={item.id}>
              <tr data-testid="review-item" data-subject={item.subject}>
                <Cell>
                  {item.canDecide && (
                    <input
                      type="checkbox"
                      aria-label={`Select ${item.subject}`}
                      checked={selected.includes(item.id)}
                      onChange={(e) => setSelected((s) => (e.target.checked ? [...s, item.id] : s.filter((id) => id !== item.id)))}
                      className="h-4 w-4"
                    />
                  )}
                </Cell>
                <Cell>
                  {item.grantId || item.credentialId ? (
                    <Link href={item.grantId ? `/grants/${item.grantId}` : `/credentials/${item.credentialId}`} className="font-medium text-indigo-700 hover:underline">
                      {item.subject}
                    </Link>
                  ) : (
                    <span className="font-medium">{item.subject}</span>
                  )}
                  {item.highRisk && (
                    <span className="ml-2">
                      <Badge tone="bad">high risk</Badge>
                    </span>
                  )}
                  {item.stage === 2 && (
                    <span className="ml-2">
                      <Badge tone="info">second stage</Badge>
                    </span>
                  )}
                </Cell>
                <Cell className="text-xs text-slate-700">
                  {item.snapshot.kind === "grant" ? (
                    <>
                      <span className="font-mono">{item.snapshot.resources.join(", ")}</span>
                      <br />
                      {item.snapshot.actions.join(", ")} · {item.snapshot.mode}
                    </>
                  ) : (
                    <>
                      credential · {item.snapshot.environment}
                      <br />
                      used by {item.snapshot.workflows.length} workflow(s)
                    </>
                  )}
                </Cell>
                <Cell className="whitespace-nowrap text-slate-600">
                  {!item.snapshot.usage.hasLogData ? "no log data" : item.snapshot.usage.lastUsedAt ? formatDate(item.snapshot.usage.lastUsedAt).slice(0, 10) : "not in 90 days"}
                </Cell>
                <Cell>
                  <ReviewBadge value={item.recommendation} />
                  <p className="mt-1 text-xs text-slate-600" data-testid="recommendation-reason">
                    {item.recommendationReason}
                  </p>
                </Cell>
                <Cell className="text-slate-700">{item.reviewer?.name ?? "Unassigned"}</Cell>
                <Cell>
                  {item.decision ? <ReviewBadge value={item.decision} /> : <span className="text-slate-400">undecided</span>}
                  {item.decidedByDefault && <p className="text-xs text-slate-500">by campaign policy</p>}
                  {item.justification && <p className="mt-1 max-w-xs text-xs text-slate-600">“{item.justification}”</p>}
                </Cell>
                <Cell>
                  {item.applyResult ? <ReviewBadge value={item.applyResult} /> : <span className="text-slate-400">—</span>}
                  {item.applyDetail && <p className="mt-1 max-w-xs text-xs text-slate-600">{item.applyDetail}</p>}
                </Cell>
                <Cell>
                  <DisclosureButton expanded={open === item.id} controls={detailsId} onToggle={() => setOpen(open === item.id ? null : item.id)} label={{ open: "Hide", closed: item.canDecide ? "Decide" : "Details" }} subject={item.subject} />
                </Cell>
              </tr>
              {open === item.id && (
                <tr id={detailsId}>
                  <td colSpan={9} className="bg-slate-50 px-4 py-4">
                    <div className="grid gap-6 lg:grid-cols-2">
                      <div className="space-y-4">
                        <Evidence item={item} />
                        <div>
                          <p className="text-sm font-medium text-slate-800">History</p>
                          <ol className="mt-1 space-y-1 text-xs text-slate-600" aria-label={`History of ${item.subject}`}>
                            {item.history.map((h) => (
                              <li key={h.id}>
                                {formatDate(h.at)} · <span className="font-medium">{h.type.replaceAll("_", " ")}</span> by {h.actor}
                                {h.note && <> — “{h.note}”</>}
                              </li>
                            ))}
                          </ol>
                        </div>
                      </div>
                      <div className="space-y-6">
                        {item.canDecide ? <DecideForm campaignId={campaignId} item={item} /> : item.decideRefusal && <p className="text-sm text-slate-600">{item.decideRefusal}</p>}
                        {item.canReassign && <ReassignForm item={item} people={people} />}
                      </div>
                    </div>
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </DataTable>
    </>
  );
}
