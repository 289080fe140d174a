"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { decideGrantAction } from "@/app/(console)/grants/actions";
import { Button, CheckboxGroup, errorFor, Field, FormAlert, inputClassName, otherErrors } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";
import { EXECUTION_MODES, MODE_LABELS, modeRank, type ExecutionMode } from "@/lib/grants/scope";
import { dateInputToIso, isoToDateInput, resourceLines, resourcesError } from "./form-values";

type Choice = "approve" | "reduce" | "reject";

const CHOICES: { value: Choice; label: string; hint: string }[] = [
  { value: "approve", label: "Approve as requested", hint: "A reason is optional." },
  { value: "reduce", label: "Approve with a reduced scope", hint: "Narrow resources, drop actions, pick a less autonomous mode or a shorter expiry. A reason is required." },
  { value: "reject", label: "Reject", hint: "A reason is required; the requester sees it." },
];

const SHOWN_FIELDS = ["decision", "reason", "resources", "actions", "mode", "expiresAt"];

export function DecideGrantForm({
  grantId,
  requested,
}: {
  grantId: string;
  requested: { resources: string[]; actions: string[]; mode: ExecutionMode; expiresAt: string | null };
}) {
  const router = useRouter();
  const [choice, setChoice] = useState<Choice>("approve");
  const [reason, setReason] = useState("");
  const [resources, setResources] = useState(requested.resources.join("\n"));
  const [actions, setActions] = useState(requested.actions);
  const [mode, setMode] = useState<ExecutionMode>(requested.mode);
  const requestedExpiresOn = isoToDateInput(requested.expiresAt);
  const [expiresOn, setExpiresOn] = useState(requestedExpiresOn);
  const decide = useActionMutation(decideGrantAction, () => router.refresh());

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (choice === "reject") return decide.run({ grantId, decision: "reject", reason });
    if (choice === "approve") return decide.run({ grantId, decision: "approve", reason: reason || undefined });
    decide.run({
      grantId,
      decision: "approve",
      reason,
      resources: resourceLines(resources),
      actions,
      mode,
      // An untouched date keeps the requested instant rather than moving it to midnight.
      expiresAt: expiresOn === requestedExpiresOn ? undefined : dateInputToIso(expiresOn),
    });
  }

  const errors = decide.fieldErrors;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Decide this request">
      <FormAlert messages={[decide.formError, ...otherErrors(errors, SHOWN_FIELDS)]} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Decision</legend>
        <div className="mt-2 space-y-2">
          {CHOICES.map((c) => (
            <label key={c.value} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="decision"
                value={c.value}
                checked={choice === c.value}
                onChange={() => {
                  setChoice(c.value);
                  decide.reset();
                }}
                className="mt-0.5 h-4 w-4"
              />
              <span>
                {c.label}
                <span className="block text-xs text-slate-500">{c.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {choice === "reduce" && (
        <div className="space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-4">
          <Field name="resources" label="Resources to approve (one per line)" hint="Each must equal or narrow a requested resource, e.g. ticket:* → ticket:support/*." error={resourcesError(errors)}>
            {(control) => <textarea {...control} rows={3} value={resources} onChange={(e) => setResources(e.target.value)} className={`${inputClassName} font-mono`} />}
          </Field>
          <CheckboxGroup
            name="actions"
            legend="Actions to approve"
            error={errorFor(errors, "actions")}
            options={requested.actions.map((a) => ({ value: a, label: a }))}
            selected={actions}
            onChange={setActions}
          />
          <Field name="mode" label="Execution mode" error={errorFor(errors, "mode")}>
            {(control) => (
              <select {...control} value={mode} onChange={(e) => setMode(e.target.value as ExecutionMode)} className={inputClassName}>
                {EXECUTION_MODES.filter((m) => modeRank(m) <= modeRank(requested.mode)).map((m) => (
                  <option key={m} value={m}>
                    {MODE_LABELS[m]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="expiresAt" label="Expires on (00:00 UTC)" hint="The same day or earlier than requested." error={errorFor(errors, "expiresAt")}>
            {(control) => <input {...control} type="date" max={requestedExpiresOn || undefined} value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} className={inputClassName} />}
          </Field>
        </div>
      )}
      <Field name="reason" label={choice === "approve" ? "Reason (optional)" : "Reason"} error={errorFor(errors, "reason")}>
        {(control) => <textarea {...control} rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClassName} />}
      </Field>
      <Button type="submit" pending={decide.pending} pendingText="Recording…">
        {choice === "reject" ? "Reject request" : choice === "reduce" ? "Approve reduced scope" : "Approve"}
      </Button>
    </form>
  );
}
