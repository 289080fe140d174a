"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { setWorkflowApproversAction } from "@/app/(console)/workflows/actions";
import { CheckboxGroup, errorFor, FormAlert, otherErrors, SubmitButton } from "./form-controls";
import { useActionMutation } from "./use-action-mutation";

export function ApproversForm({
  workflowId,
  candidates,
  initial,
}: {
  workflowId: string;
  candidates: { id: string; name: string; role: string }[];
  initial: string[];
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<string[]>(initial);
  const save = useActionMutation(setWorkflowApproversAction, () => router.refresh());

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.run({ workflowId, userIds: selected });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <FormAlert messages={[save.formError, ...otherErrors(save.fieldErrors, ["userIds"])]} />
      <CheckboxGroup
        name="userIds"
        legend="Approvers"
        hint="Besides the owner, these people may decide this workflow's grant requests."
        error={errorFor(save.fieldErrors, "userIds")}
        options={candidates.map((person) => ({ value: person.id, label: person.name, description: person.role }))}
        selected={selected}
        onChange={(next) => {
          setSelected(next);
          save.reset();
        }}
      />
      <div className="flex items-center gap-3">
        <SubmitButton pending={save.pending}>Save approvers</SubmitButton>
        {save.succeeded && (
          <p role="status" className="text-sm text-emerald-700">
            Approvers saved.
          </p>
        )}
      </div>
    </form>
  );
}
