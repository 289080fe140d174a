"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createCampaignAction } from "@/app/(console)/reviews/actions";
import { Button, CheckboxGroup, errorFor, FormAlert, otherErrors, personOptions, SelectField, TextField } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";
import { CLOSE_DEFAULT_LABELS, CLOSE_DEFAULTS, ENVIRONMENTS, RECURRENCES, SENSITIVITIES, SUBJECTS } from "@/lib/reviews/campaign-input";
import type { CampaignFormOptions } from "@/lib/reviews/form-options";

const SHOWN_FIELDS = ["name", "description", "startsAt", "dueAt", "recurrenceMonths", "closeDefault", "fallbackReviewerId", "secondStageReviewerId", "scope"];

export function CreateCampaignForm({ options, today, defaultDue }: { options: CampaignFormOptions; today: string; defaultDue: string }) {
  const router = useRouter();
  const [values, setValues] = useState({ name: "", description: "", startsOn: today, dueOn: defaultDue, recurrence: "0", closeDefault: "keep", fallback: "", secondStage: "" });
  const [subjects, setSubjects] = useState<string[]>(["grants"]);
  const [connectorIds, setConnectorIds] = useState<string[]>([]);
  const [workflowIds, setWorkflowIds] = useState<string[]>([]);
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [environments, setEnvironments] = useState<string[]>([]);
  const [sensitivities, setSensitivities] = useState<string[]>([]);
  const [highRiskOnly, setHighRiskOnly] = useState(false);
  const create = useActionMutation(createCampaignAction, ({ id }) => {
    router.push(`/reviews/${id}`);
    router.refresh();
  });
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    // A start of today means now; a later day starts at 00:00 UTC.
    const startsAt = values.startsOn === today ? new Date().toISOString() : `${values.startsOn}T00:00:00.000Z`;
    create.run({
      name: values.name,
      description: values.description,
      startsAt,
      dueAt: values.dueOn ? `${values.dueOn}T23:59:59.000Z` : "",
      recurrenceMonths: Number(values.recurrence),
      closeDefault: values.closeDefault as (typeof CLOSE_DEFAULTS)[number],
      fallbackReviewerId: values.fallback || undefined,
      secondStageReviewerId: values.secondStage || undefined,
      scope: {
        subjects: subjects as (typeof SUBJECTS)[number][],
        connectorIds,
        workflowIds,
        teamIds,
        environments: environments as (typeof ENVIRONMENTS)[number][],
        sensitivities: sensitivities as (typeof SENSITIVITIES)[number][],
        highRiskOnly,
      },
    });
  }

  const errors = create.fieldErrors;
  const people = personOptions(options.reviewers);
  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate aria-label="Create a campaign">
      <FormAlert messages={[create.formError, ...otherErrors(errors, SHOWN_FIELDS)]} />
      <TextField name="name" label="Name" value={values.name} onChange={set("name")} error={errorFor(errors, "name")} />
      <TextField name="description" label="Description (optional)" value={values.description} onChange={set("description")} error={errorFor(errors, "description")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField type="date" name="startsAt" label="Starts on" hint="Today launches it now; a later day leaves it a draft until then." value={values.startsOn} onChange={set("startsOn")} error={errorFor(errors, "startsAt")} />
        <TextField type="date" name="dueAt" label="Due on" hint="End of that day, UTC." value={values.dueOn} onChange={set("dueOn")} error={errorFor(errors, "dueAt")} />
        <SelectField name="recurrenceMonths" label="Repeats" options={RECURRENCES.map((r) => ({ value: String(r.months), label: r.label }))} value={values.recurrence} onChange={set("recurrence")} error={errorFor(errors, "recurrenceMonths")} />
        <SelectField name="closeDefault" label="On close, undecided items" options={CLOSE_DEFAULTS.map((c) => ({ value: c, label: CLOSE_DEFAULT_LABELS[c] }))} value={values.closeDefault} onChange={set("closeDefault")} error={errorFor(errors, "closeDefault")} />
        <SelectField name="fallbackReviewerId" label="Fallback reviewer" hint="Reviews items whose workflow has no owner (or whose owner requested the grant)." emptyOption="You (the campaign owner)" options={people} value={values.fallback} onChange={set("fallback")} error={errorFor(errors, "fallbackReviewerId")} />
        <SelectField name="secondStageReviewerId" label="Second stage for high-risk items (optional)" hint="Confirms approvals of grants on high or critical connectors, or autonomous writes." emptyOption="No second stage" options={people} value={values.secondStage} onChange={set("secondStage")} error={errorFor(errors, "secondStageReviewerId")} />
      </div>
      <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-800">Scope — what matches every choice below (none chosen means all)</legend>
        <CheckboxGroup
          name="subjects"
          legend="Review"
          hint="Approved grants, and/or the credentials workflows hold (a denied credential is detached and the grants naming it revoked)."
          options={SUBJECTS.map((s) => ({ value: s, label: s }))}
          selected={subjects}
          onChange={setSubjects}
          error={errorFor(errors, "scope.subjects")}
        />
        <CheckboxGroup name="connectorIds" legend="Connectors" options={options.connectors.map((c) => ({ value: c.id, label: c.name }))} selected={connectorIds} onChange={setConnectorIds} error={errorFor(errors, "scope.connectorIds")} />
        <CheckboxGroup name="workflowIds" legend="Workflows" options={options.workflows.map((w) => ({ value: w.id, label: w.name }))} selected={workflowIds} onChange={setWorkflowIds} error={errorFor(errors, "scope.workflowIds")} />
        <CheckboxGroup name="teamIds" legend="Teams" options={options.teams.map((t) => ({ value: t.id, label: t.name }))} selected={teamIds} onChange={setTeamIds} />
        <CheckboxGroup name="environments" legend="Environments" options={ENVIRONMENTS.map((e) => ({ value: e, label: e }))} selected={environments} onChange={setEnvironments} />
        <CheckboxGroup name="sensitivities" legend="Connector sensitivity" options={SENSITIVITIES.map((s) => ({ value: s, label: s }))} selected={sensitivities} onChange={setSensitivities} />
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" checked={highRiskOnly} onChange={(e) => setHighRiskOnly(e.target.checked)} className="h-4 w-4 rounded border-slate-300" />
          High-risk items only
        </label>
      </fieldset>
      <Button type="submit" pending={create.pending} pendingText="Creating…">
        Create campaign
      </Button>
    </form>
  );
}
