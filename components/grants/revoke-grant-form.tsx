"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { revokeGrantAction } from "@/app/(console)/grants/actions";
import { Button, errorFor, Field, FormAlert, inputClassName, otherErrors } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";

export function RevokeGrantForm({ grantId }: { grantId: string }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const revoke = useActionMutation(revokeGrantAction, () => router.refresh());

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    revoke.run({ grantId, reason });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Revoke this grant">
      <FormAlert messages={[revoke.formError, ...otherErrors(revoke.fieldErrors, ["reason"])]} />
      <Field name="revokeReason" label="Reason for revoking" hint="Recorded on the timeline and in the audit trail; the requester and owner are told." error={errorFor(revoke.fieldErrors, "reason")}>
        {(control) => <textarea {...control} rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClassName} />}
      </Field>
      <Button type="submit" tone="danger" pending={revoke.pending} pendingText="Revoking…">
        Revoke grant
      </Button>
    </form>
  );
}
