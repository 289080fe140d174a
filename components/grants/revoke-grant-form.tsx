"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { revokeGrantAction } from "@/app/(console)/grants/actions";
import { errorFor, Field, FormAlert, inputClassName, otherErrors } from "@/components/inventory/form-controls";
import { useActionMutation } from "@/components/inventory/use-action-mutation";

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
      <button type="submit" disabled={revoke.pending} className="rounded-md bg-rose-600 px-4 py-2 text-sm font-medium text-white hover:bg-rose-700 disabled:opacity-60">
        {revoke.pending ? "Revoking…" : "Revoke grant"}
      </button>
    </form>
  );
}
