"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { assignTriageAction, changeTriageStatusAction, commentTriageAction } from "@/app/(console)/interactions/actions";
import { Button, errorFor, Field, FormAlert, FormSuccess, inputClassName, otherErrors } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";
import type { TriageStatus } from "@/lib/generated/prisma/client";
import { TRIAGE_STATUS_LABELS } from "@/lib/triage/status";
import { NEXT_STATUSES, reasonRequired } from "@/lib/triage/transitions";

// The decisions on one interaction: its status (with a reason), who works it, and comments. Shown
// only to people with triage:write; the server refuses everyone else regardless.

export function StatusForm({ interactionId, status }: { interactionId: string; status: TriageStatus }) {
  const router = useRouter();
  const choices = NEXT_STATUSES[status];
  const [next, setNext] = useState<string>(choices[0] ?? "");
  const [reason, setReason] = useState("");
  const change = useActionMutation(changeTriageStatusAction, () => {
    setReason("");
    router.refresh();
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    change.run({ interactionIds: [interactionId], status: next as Exclude<TriageStatus, "new">, reason });
  }

  const needsReason = next !== "" && reasonRequired(status, next as TriageStatus);
  return (
    <form onSubmit={onSubmit} aria-label="Change the status" className="space-y-3" noValidate>
      <FormAlert messages={[change.formError !== "Some fields need attention." ? change.formError : null, ...otherErrors(change.fieldErrors, ["status", "reason"])]} />
      {change.succeeded && <FormSuccess>Status changed.</FormSuccess>}
      <Field name="newStatus" label="New status" error={errorFor(change.fieldErrors, "status")}>
        {(control) => (
          <select {...control} value={next} onChange={(e) => setNext(e.target.value)} className={inputClassName}>
            {choices.map((s) => (
              <option key={s} value={s}>
                {TRIAGE_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="statusReason" label={needsReason ? "Reason" : "Reason (optional)"} hint="Kept in the history and the audit trail." error={errorFor(change.fieldErrors, "reason")}>
        {(control) => <textarea {...control} rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClassName} />}
      </Field>
      <Button type="submit" pending={change.pending} pendingText="Saving…">
        Change status
      </Button>
    </form>
  );
}

export function AssignForm({ interactionId, assigneeId, people, me }: { interactionId: string; assigneeId: string | null; people: { id: string; name: string }[]; me: string | null }) {
  const router = useRouter();
  const [choice, setChoice] = useState(assigneeId ?? "");
  const assign = useActionMutation(assignTriageAction, () => router.refresh());

  function run(to: string) {
    assign.run({ interactionIds: [interactionId], assigneeId: to });
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        run(choice);
      }}
      aria-label="Assign"
      className="space-y-3"
      noValidate
    >
      <FormAlert messages={[assign.formError !== "Some fields need attention." ? assign.formError : null, ...otherErrors(assign.fieldErrors, ["assigneeId"])]} />
      <Field name="assignTo" label="Assignee" error={errorFor(assign.fieldErrors, "assigneeId")}>
        {(control) => (
          <select {...control} value={choice} onChange={(e) => setChoice(e.target.value)} className={inputClassName}>
            <option value="">Nobody</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="flex gap-2">
        <Button type="submit" tone="secondary" pending={assign.pending} pendingText="Saving…">
          Assign
        </Button>
        {me && me !== assigneeId && people.some((p) => p.id === me) && (
          <Button tone="secondary" onClick={() => run(me)} pending={assign.pending}>
            Assign to me
          </Button>
        )}
      </div>
    </form>
  );
}

export function CommentForm({ interactionId }: { interactionId: string }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const comment = useActionMutation(commentTriageAction, () => {
    setBody("");
    router.refresh();
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        comment.run({ interactionId, body });
      }}
      aria-label="Add a comment"
      className="space-y-3"
      noValidate
    >
      <FormAlert messages={[comment.formError !== "Some fields need attention." ? comment.formError : null, ...otherErrors(comment.fieldErrors, ["body"])]} />
      <Field name="commentBody" label="Comment" error={errorFor(comment.fieldErrors, "body")}>
        {(control) => <textarea {...control} rows={3} maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} className={inputClassName} />}
      </Field>
      <Button type="submit" tone="secondary" pending={comment.pending} pendingText="Adding…">
        Add comment
      </Button>
    </form>
  );
}
