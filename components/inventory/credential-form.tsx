"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createCredentialAction, updateCredentialAction } from "@/app/(console)/credentials/actions";
import type { CredentialKind, Environment } from "@/lib/generated/prisma/enums";
import { fingerprintProblem, lastFourProblem, screenIdentifier } from "@/lib/inventory/credential-identifiers";
import { CREDENTIAL_KIND_LABELS, CREDENTIAL_KINDS, ENVIRONMENTS } from "@/lib/inventory/vocabulary";
import { asOptions, Button, errorFor, FormAlert, otherErrors, personOptions, SelectField, TextField } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";

export interface CredentialFormValues {
  name: string;
  kind: CredentialKind;
  connectorId: string;
  environment: Environment;
  lastFour: string;
  fingerprint: string;
  ownerId: string;
  issuedAt: string;
  lastRotatedAt: string;
  expiresAt: string;
  rotationPolicyDays: string;
}

type FieldName = keyof CredentialFormValues;
const FIELDS = ["name", "kind", "connectorId", "environment", "lastFour", "fingerprint", "ownerId", "issuedAt", "lastRotatedAt", "expiresAt", "rotationPolicyDays"] as const satisfies readonly FieldName[];

export function CredentialForm({
  credentialId,
  initial,
  connectors,
  owners,
}: {
  credentialId?: string;
  initial: CredentialFormValues;
  connectors: { id: string; name: string; system: string }[];
  owners: { id: string; name: string; email: string; active: boolean }[];
}) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  // Problems found in the browser, before anything is sent.
  const [localErrors, setLocalErrors] = useState<Partial<Record<FieldName, string>>>({});
  const save = useActionMutation(
    (input: CredentialFormValues) => (credentialId ? updateCredentialAction({ ...input, id: credentialId }) : createCredentialAction(input)),
    ({ id }) => {
      router.push(`/credentials/${id}`);
      router.refresh();
    },
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const problems = { lastFour: lastFourProblem(values.lastFour) ?? undefined, fingerprint: fingerprintProblem(values.fingerprint) ?? undefined };
    if (problems.lastFour || problems.fingerprint) return setLocalErrors((errors) => ({ ...errors, ...problems }));
    save.run(values);
  }

  const field = (name: FieldName, label: string) => ({
    name,
    label,
    value: values[name],
    onChange: (event: { target: { value: string } }) => {
      const screened = name === "lastFour" || name === "fingerprint" ? screenIdentifier(name, event.target.value) : { value: event.target.value };
      setValues((v) => ({ ...v, [name]: screened.value }));
      setLocalErrors((errors) => ({ ...errors, [name]: screened.problem }));
    },
    error: localErrors[name] ?? errorFor(save.fieldErrors, name),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5">
      <FormAlert messages={[save.formError, ...otherErrors(save.fieldErrors, FIELDS)]} />
      <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">
        Warden records what a credential is, never the secret itself. Give its last four characters or its fingerprint.
      </p>
      <TextField {...field("name", "Name")} hint="How people refer to it, e.g. zendesk-api-token." />
      <div className="grid gap-5 sm:grid-cols-2">
        <SelectField {...field("kind", "Kind")} options={asOptions(CREDENTIAL_KINDS, CREDENTIAL_KIND_LABELS)} />
        <SelectField
          {...field("connectorId", "Connector")}
          hint="The system this credential opens."
          emptyOption="Not tied to a connector"
          options={connectors.map((connector) => ({ value: connector.id, label: `${connector.name} (${connector.system})` }))}
        />
        <SelectField {...field("environment", "Environment")} options={asOptions(ENVIRONMENTS)} />
        <SelectField
          {...field("ownerId", "Owner")}
          hint="Who answers for this credential and rotates it."
          emptyOption={credentialId ? "Keep the current owner" : "Me"}
          options={personOptions(owners)}
        />
        <TextField {...field("lastFour", "Last four")} mono hint="Exactly the last 4 characters of the key, e.g. 7Qx2." />
        <TextField {...field("fingerprint", "Fingerprint")} mono hint="A hash of the key, e.g. SHA256:9f2c…41ab." />
        <TextField {...field("issuedAt", "Issued")} type="date" hint="Empty means today." />
        <TextField {...field("lastRotatedAt", "Last rotated")} type="date" />
        <TextField {...field("expiresAt", "Expires")} type="date" hint="Empty if it never expires." />
        <TextField {...field("rotationPolicyDays", "Rotation policy (days)")} type="number" hint="Rotate at least this often. Default 90." />
      </div>
      <Button type="submit" pending={save.pending} pendingText="Saving…">{credentialId ? "Save changes" : "Add credential"}</Button>
    </form>
  );
}
