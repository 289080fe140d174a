"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { decideItemsAction, reassignItemAction } from "@/app/(console)/reviews/actions";
import { Button, CheckboxGroup, errorFor, Field, FormAlert, FormSuccess, inputClassName, otherErrors, personOptions } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";
import { dateInputToIso, isoToDateInput, resourceLines, resourcesError } from "@/components/grants/form-values";
import { EXECUTION_MODES, MODE_LABELS, modeRank, type ExecutionMode } from "@/lib/grants/scope";
import type { CampaignItem } from "@/lib/reviews/get-campaign";

// The forms a reviewer decides with: one item, reassignment, and the bulk bar.
type Choice = "approve" | "deny" | "modify" | "dont_know" | "recommendation";
const CHOICE_LABELS: Record<Choice, string> = {
  approve: "Approve (certify)",
  deny: "Deny (revoke)",
  modify: "Modify (narrow)",
  dont_know: "Don't know (escalate)",
  recommendation: "Accept the recommendation",
};
export type Person = { id: string; name: string; email: string; active: boolean };

export function DecideForm({ campaignId, item }: { campaignId: string; item: CampaignItem }) {
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

export function ReassignForm({ item, people }: { item: CampaignItem; people: Person[] }) {
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

export function BulkBar({ campaignId, selected, onDone }: { campaignId: string; selected: string[]; onDone: () => void }) {
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
