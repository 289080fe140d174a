"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { setWorkflowApproversAction } from "@/app/(console)/workflows/actions";
import { Button, CheckboxGroup, errorFor, FormAlert, FormSuccess, otherErrors } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";

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
        <Button type="submit" pending={save.pending} pendingText="Saving…">Save approvers</Button>
        {save.succeeded && <FormSuccess>Approvers saved.</FormSuccess>}
      </div>
    </form>
  );
}
