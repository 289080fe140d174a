"use client";

import { useRouter } from "next/navigation";
import { changeWorkflowStatusAction } from "@/app/(console)/workflows/actions";
import type { WorkflowStatus } from "@/lib/generated/prisma/enums";
import { nextStatuses, STATUS_ACTION_LABELS } from "@/lib/inventory/workflow-lifecycle";
import { errorFor, FormAlert, secondaryButtonClassName } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";

/** The lifecycle buttons on a workflow's page; the server re-checks every rule. */
export function WorkflowStatusActions({ workflowId, status }: { workflowId: string; status: WorkflowStatus }) {
  const router = useRouter();
  const change = useActionMutation(changeWorkflowStatusAction, () => router.refresh());
  const targets = nextStatuses(status);
  if (targets.length === 0) return null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {targets.map((target) => (
          <button
            key={target}
            type="button"
            disabled={change.pending}
            onClick={() => {
              if (target === "retired" && !window.confirm("Retire this workflow? Retired is final: it cannot be activated again.")) return;
              change.run({ id: workflowId, status: target });
            }}
            className={target === "retired" ? `${secondaryButtonClassName} text-rose-700` : secondaryButtonClassName}
          >
            {STATUS_ACTION_LABELS[target]}
          </button>
        ))}
      </div>
      <FormAlert messages={[errorFor(change.fieldErrors, "status") ?? change.formError]} />
    </div>
  );
}
