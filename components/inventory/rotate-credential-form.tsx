"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { rotateCredentialAction } from "@/app/(console)/credentials/actions";
import { lastFourProblem, screenIdentifier } from "@/lib/inventory/credential-identifiers";
import { Button, errorFor, FormAlert, FormSuccess, TextField } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";

/** "Mark rotated": today becomes the last rotation; the new key's last four may be given. */
export function RotateCredentialForm({ credentialId }: { credentialId: string }) {
  const router = useRouter();
  const [lastFour, setLastFour] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const rotate = useActionMutation(rotateCredentialAction, () => {
    setLastFour("");
    router.refresh();
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const problem = lastFourProblem(lastFour);
    if (problem) return setLocalError(problem);
    rotate.run({ id: credentialId, lastFour });
  }

  const serverError = errorFor(rotate.fieldErrors, "lastFour");
  return (
    <form onSubmit={onSubmit} className="max-w-xs space-y-3">
      <TextField
        name="newLastFour"
        label="New last four"
        mono
        hint="Optional: the last 4 characters of the new key."
        value={lastFour}
        onChange={(event) => {
          const screened = screenIdentifier("lastFour", event.target.value);
          setLastFour(screened.value);
          setLocalError(screened.problem ?? null);
        }}
        error={localError ?? serverError}
      />
      <FormAlert messages={[serverError ? null : rotate.formError]} />
      <div className="flex items-center gap-3">
        <Button type="submit" pending={rotate.pending} pendingText="Marking…">
          Mark rotated
        </Button>
        {rotate.succeeded && <FormSuccess>Marked rotated today.</FormSuccess>}
      </div>
    </form>
  );
}
