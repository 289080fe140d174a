"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createWorkflowAction, updateWorkflowAction } from "@/app/(console)/workflows/actions";
import type { DataClassification, Environment } from "@/lib/generated/prisma/enums";
import type { ActionResult } from "@/lib/http/action";
import { DATA_CLASSIFICATIONS, ENVIRONMENTS } from "@/lib/inventory/vocabulary";
import { asOptions, Button, errorFor, Field, fieldBinder, FormAlert, inputClassName, otherErrors, personOptions, SelectField, TextField } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";

export interface WorkflowFormValues {
  name: string;
  purpose: string;
  teamId: string;
  environment: Environment;
  models: string;
  providers: string;
  dataClassification: DataClassification;
  ownerId: string;
}

const FIELDS = ["name", "purpose", "teamId", "environment", "models", "providers", "dataClassification", "ownerId"] as const;
const splitList = (text: string) => text.split(",").map((item) => item.trim()).filter(Boolean);

export function WorkflowForm({
  workflowId,
  initial,
  teams,
  owners,
  ownerOptional,
  submit,
}: {
  /** Set when editing an existing workflow. */
  workflowId?: string;
  initial: WorkflowFormValues;
  teams: { id: string; name: string }[];
  owners: { id: string; name: string; email: string; active: boolean }[];
  /** Only a draft may be without an owner. */
  ownerOptional: boolean;
  /** Another way to save a new workflow (registering it from unregistered AI usage), and its button's label. */
  submit?: { action: (input: Parameters<typeof createWorkflowAction>[0]) => Promise<ActionResult<{ id: string }>>; label: string };
}) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const save = useActionMutation(
    (input: Parameters<typeof createWorkflowAction>[0]) => (workflowId ? updateWorkflowAction({ ...input, id: workflowId }) : (submit?.action ?? createWorkflowAction)(input)),
    ({ id }) => {
      router.push(`/workflows/${id}`);
      router.refresh();
    },
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.run({ ...values, models: splitList(values.models), providers: splitList(values.providers) });
  }

  const field = fieldBinder(values, setValues, save.fieldErrors);
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5">
      <FormAlert messages={[save.formError, ...otherErrors(save.fieldErrors, FIELDS)]} />
      <TextField {...field("name", "Name")} />
      <Field name="purpose" label="Purpose" hint="What it does and for whom, in a sentence or two." error={errorFor(save.fieldErrors, "purpose")}>
        {(control) => <textarea {...control} value={values.purpose} onChange={field("purpose", "Purpose").onChange} rows={3} className={inputClassName} />}
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <SelectField {...field("teamId", "Team")} emptyOption="No team" options={teams.map((team) => ({ value: team.id, label: team.name }))} />
        <SelectField
          {...field("ownerId", "Owner")}
          hint="The named person accountable for this workflow."
          emptyOption={ownerOptional ? "No owner yet (drafts only)" : undefined}
          options={personOptions(owners)}
        />
        <SelectField {...field("environment", "Environment")} options={asOptions(ENVIRONMENTS)} />
        <SelectField {...field("dataClassification", "Data classification")} hint="The most sensitive data it reads or writes." options={asOptions(DATA_CLASSIFICATIONS)} />
        <TextField {...field("models", "Models")} hint="Comma-separated, e.g. gpt-4o, claude-sonnet-4." />
        <TextField {...field("providers", "Providers")} hint="Comma-separated, e.g. OpenAI, Anthropic, Self-hosted." />
      </div>
      <Button type="submit" pending={save.pending} pendingText="Saving…">{workflowId ? "Save changes" : (submit?.label ?? "Register workflow")}</Button>
    </form>
  );
}
