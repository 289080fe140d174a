"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createConnectorAction, updateConnectorAction } from "@/app/(console)/connectors/actions";
import type { ConnectorKind, Sensitivity } from "@/lib/generated/prisma/enums";
import { CONNECTOR_ACTION_HINTS, CONNECTOR_ACTIONS, CONNECTOR_KIND_LABELS, CONNECTOR_KINDS, SENSITIVITIES } from "@/lib/inventory/vocabulary";
import { asOptions, Button, CheckboxGroup, errorFor, Field, fieldBinder, FormAlert, inputClassName, otherErrors, SelectField, TextField } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";

export interface ConnectorFormValues {
  name: string;
  kind: ConnectorKind;
  system: string;
  description: string;
  actions: string[];
  resourcePattern: string;
  sensitivity: Sensitivity;
}

const FIELDS = ["name", "kind", "system", "description", "actions", "resourcePattern", "sensitivity"] as const;

export function ConnectorForm({ connectorId, initial }: { connectorId?: string; initial: ConnectorFormValues }) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const save = useActionMutation(
    (input: ConnectorFormValues) => (connectorId ? updateConnectorAction({ ...input, id: connectorId }) : createConnectorAction(input)),
    ({ id }) => {
      router.push(`/connectors/${id}`);
      router.refresh();
    },
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.run(values);
  }

  const field = fieldBinder(values, setValues, save.fieldErrors);
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5">
      <FormAlert messages={[save.formError, ...otherErrors(save.fieldErrors, FIELDS)]} />
      <TextField {...field("name", "Name")} />
      <div className="grid gap-5 sm:grid-cols-2">
        <SelectField {...field("kind", "Kind")} options={asOptions(CONNECTOR_KINDS, CONNECTOR_KIND_LABELS)} />
        <TextField {...field("system", "System")} hint="The system behind it, e.g. Salesforce, GitHub, Snowflake." />
      </div>
      <Field name="description" label="Description" error={errorFor(save.fieldErrors, "description")}>
        {(control) => <textarea {...control} value={values.description} onChange={field("description", "Description").onChange} rows={2} className={inputClassName} />}
      </Field>
      <CheckboxGroup
        name="actions"
        legend="Actions"
        hint="What the connector lets a workflow do. Grants can only ask for these."
        error={errorFor(save.fieldErrors, "actions")}
        options={CONNECTOR_ACTIONS.map((action) => ({ value: action, label: action, description: CONNECTOR_ACTION_HINTS[action] }))}
        selected={values.actions}
        onChange={(actions) => setValues((v) => ({ ...v, actions }))}
      />
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField {...field("resourcePattern", "Resource pattern")} mono hint="How resources are named, e.g. repo:acme/*, table:finance.*, channel:#support." />
        <SelectField {...field("sensitivity", "Sensitivity")} hint="How much harm misuse could do." options={asOptions(SENSITIVITIES)} />
      </div>
      <Button type="submit" pending={save.pending} pendingText="Saving…">{connectorId ? "Save changes" : "Add connector"}</Button>
    </form>
  );
}
