"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { attachCredentialAction, detachCredentialAction } from "@/app/(console)/credentials/actions";
import { StatusBadge } from "./badges";
import { Button, errorFor, Field, FormAlert, inputClassName, secondaryButtonClassName } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";

interface WorkflowRef {
  id: string;
  name: string;
  status: string;
  environment: string;
  /** Whether the signed-in person may attach or detach this workflow. */
  editable: boolean;
}

/** Which workflows use a credential, with attach and detach for the workflows one may change. */
export function CredentialWorkflows({ credentialId, attached, attachable }: { credentialId: string; attached: WorkflowRef[]; attachable: WorkflowRef[] }) {
  const router = useRouter();
  const [workflowId, setWorkflowId] = useState("");
  const attach = useActionMutation(attachCredentialAction, () => {
    setWorkflowId("");
    router.refresh();
  });
  const detach = useActionMutation(detachCredentialAction, () => router.refresh());

  function onAttach(event: FormEvent) {
    event.preventDefault();
    attach.run({ credentialId, workflowId });
  }

  const options = attachable.filter((w) => w.editable && !attached.some((a) => a.id === w.id));
  return (
    <div className="space-y-4">
      {attached.length === 0 ? (
        <p className="text-sm text-slate-500">No workflow uses this credential.</p>
      ) : (
        <table className="w-full text-sm">
          <caption className="sr-only">Workflows using this credential</caption>
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-1.5 font-medium">Workflow</th>
              <th className="py-1.5 font-medium">Status</th>
              <th className="py-1.5 font-medium">Environment</th>
              <th className="py-1.5 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {attached.map((workflow) => (
              <tr key={workflow.id}>
                <td className="py-2">
                  <Link href={`/workflows/${workflow.id}`} className="font-medium text-indigo-700 hover:underline">
                    {workflow.name}
                  </Link>
                </td>
                <td className="py-2">
                  <StatusBadge status={workflow.status} />
                </td>
                <td className="py-2">{workflow.environment}</td>
                <td className="py-2 text-right">
                  {workflow.editable && (
                    <button
                      type="button"
                      disabled={detach.pending}
                      onClick={() => detach.run({ credentialId, workflowId: workflow.id })}
                      className={secondaryButtonClassName}
                      aria-label={`Detach ${workflow.name}`}
                    >
                      Detach
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormAlert messages={[detach.formError]} />
      {options.length > 0 && (
        <form onSubmit={onAttach} className="flex flex-wrap items-end gap-3">
          <div className="min-w-64 flex-1">
            <Field name="workflowId" label="Workflow" error={errorFor(attach.fieldErrors, "workflowId")}>
              {(control) => (
                <select {...control} value={workflowId} onChange={(event) => setWorkflowId(event.target.value)} className={inputClassName}>
                  <option value="">Choose a workflow…</option>
                  {options.map((workflow) => (
                    <option key={workflow.id} value={workflow.id}>
                      {workflow.name} ({workflow.environment})
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Button type="submit" pending={attach.pending} pendingText="Attaching…">
            Attach workflow
          </Button>
        </form>
      )}
      <FormAlert messages={[errorFor(attach.fieldErrors, "workflowId") ? null : attach.formError]} />
    </div>
  );
}
