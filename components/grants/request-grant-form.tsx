"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { requestGrantAction } from "@/app/(console)/grants/actions";
import { Button, CheckboxGroup, errorFor, Field, FieldError, FormAlert, inputClassName, otherErrors } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";
import type { RequestFormOptions } from "@/lib/grants/request-options";
import { EXECUTION_MODES, MODE_LABELS, type ExecutionMode } from "@/lib/grants/scope";
import { dateInputToIso, resourceLines, resourcesError } from "./form-values";

const SHOWN_FIELDS = ["workflowId", "connectorId", "credentialId", "resources", "actions", "mode", "justification", "expiresAt"];

export function RequestGrantForm({
  options,
  initialWorkflowId,
  defaultExpiresOn,
  maxExpiresOn,
  maxDays,
}: {
  options: RequestFormOptions;
  initialWorkflowId: string;
  defaultExpiresOn: string;
  maxExpiresOn: string;
  maxDays: number;
}) {
  const router = useRouter();
  const [workflowId, setWorkflowId] = useState(initialWorkflowId);
  const [connectorId, setConnectorId] = useState("");
  const [credentialId, setCredentialId] = useState("");
  const [actions, setActions] = useState<string[]>([]);
  const [resources, setResources] = useState("");
  const [mode, setMode] = useState<ExecutionMode>("suggest");
  const [justification, setJustification] = useState("");
  const [expiresOn, setExpiresOn] = useState(defaultExpiresOn);
  const submit = useActionMutation(requestGrantAction, ({ id }) => {
    router.push(`/grants/${id}`);
    router.refresh();
  });

  const workflow = options.workflows.find((w) => w.id === workflowId);
  const connector = options.connectors.find((c) => c.id === connectorId);
  // Only credentials already attached to the workflow and issued for the chosen connector.
  const credentials = workflow && connector ? workflow.credentials.filter((c) => c.connectorId === connector.id) : [];

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit.run({
      workflowId,
      connectorId,
      credentialId: credentialId || undefined,
      resources: resourceLines(resources),
      actions,
      mode,
      justification,
      expiresAt: dateInputToIso(expiresOn),
    });
  }

  const errors = submit.fieldErrors;
  return (
    <form onSubmit={onSubmit} className="max-w-2xl space-y-5" noValidate>
      <FormAlert messages={[submit.formError, ...otherErrors(errors, SHOWN_FIELDS)]} />
      <Field name="workflowId" label="Workflow" error={errorFor(errors, "workflowId")}>
        {(control) => (
          <select
            {...control}
            value={workflowId}
            onChange={(e) => {
              setWorkflowId(e.target.value);
              setCredentialId("");
            }}
            className={inputClassName}
          >
            <option value="">Choose a workflow…</option>
            {options.workflows.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name} ({w.environment})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="connectorId"
        label="Connector"
        hint={connector ? `${connector.system} · ${connector.sensitivity} sensitivity. ${connector.description}` : "The system the workflow needs to reach."}
        error={errorFor(errors, "connectorId")}
      >
        {(control) => (
          <select
            {...control}
            value={connectorId}
            onChange={(e) => {
              setConnectorId(e.target.value);
              setActions([]);
              setCredentialId("");
            }}
            className={inputClassName}
          >
            <option value="">Choose a connector…</option>
            {options.connectors.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {connector && (
        <CheckboxGroup
          name="actions"
          legend="Actions"
          hint={`What ${connector.name} offers. Ask only for what the workflow needs.`}
          error={errorFor(errors, "actions")}
          options={connector.actions.map((a) => ({ value: a, label: a }))}
          selected={actions}
          onChange={setActions}
        />
      )}
      <Field
        name="resources"
        label="Resources (one per line)"
        hint={
          <>
            Named like <code className="rounded bg-slate-100 px-1">{connector?.resourcePattern ?? "system:<name>"}</code>. Prefer exact names; a{" "}
            <code className="rounded bg-slate-100 px-1">*</code> reaches everything that matches and is flagged as a finding.
          </>
        }
        error={resourcesError(errors)}
      >
        {(control) => <textarea {...control} rows={3} value={resources} onChange={(e) => setResources(e.target.value)} className={`${inputClassName} font-mono`} />}
      </Field>
      <fieldset aria-describedby={errors.mode ? "field-mode-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Execution mode</legend>
        <div className="mt-2 space-y-1.5">
          {EXECUTION_MODES.map((m) => (
            <label key={m} className="flex items-center gap-2 text-sm">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} className="h-4 w-4" />
              {MODE_LABELS[m]}
            </label>
          ))}
        </div>
        <FieldError id="field-mode-error" message={errors.mode} />
      </fieldset>
      {connector && workflow && (
        <Field
          name="credentialId"
          label="Credential (optional)"
          hint={credentials.length === 0 ? `${workflow.name} has no credential for ${connector.name} attached.` : "Which of the workflow's credentials it uses for this access."}
          error={errorFor(errors, "credentialId")}
        >
          {(control) => (
            <select {...control} value={credentialId} onChange={(e) => setCredentialId(e.target.value)} className={inputClassName} disabled={credentials.length === 0}>
              <option value="">None</option>
              {credentials.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.environment})
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field name="justification" label="Justification" hint="Why the workflow needs this; the approver reads it." error={errorFor(errors, "justification")}>
        {(control) => <textarea {...control} rows={3} maxLength={2000} value={justification} onChange={(e) => setJustification(e.target.value)} className={inputClassName} />}
      </Field>
      <Field name="expiresAt" label="Expires on (00:00 UTC)" hint={`At most ${maxDays} days from today.`} error={errorFor(errors, "expiresAt")}>
        {(control) => <input {...control} type="date" max={maxExpiresOn} value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} className={inputClassName} />}
      </Field>
      <Button type="submit" pending={submit.pending} pendingText="Requesting…">
        Request grant
      </Button>
    </form>
  );
}
