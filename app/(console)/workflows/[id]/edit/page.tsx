import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { ApproversForm } from "@/components/inventory/approvers-form";
import { WorkflowForm } from "@/components/inventory/workflow-form";
import { Card, PageHeader } from "@/components/ui";
import { guardPage } from "@/lib/auth/guard";
import { canEditWorkflow } from "@/lib/inventory/ownership";
import { listApproverOptions, listOwnerOptions, listTeams } from "@/lib/inventory/people";
import { findWorkflowDetail } from "@/lib/inventory/workflow-queries";

export const metadata: Metadata = { title: "Edit workflow" };

export default async function EditWorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await guardPage("/workflows/[id]/edit");
  const workflow = await findWorkflowDetail((await params).id);
  if (!workflow) notFound();
  if (!canEditWorkflow(actor, workflow)) forbidden();
  const [teams, owners, people] = await Promise.all([listTeams(), listOwnerOptions(workflow.ownerId), listApproverOptions()]);
  const candidates = people.filter((person) => person.id !== workflow.ownerId);
  // Approvers who left (or became the owner) can no longer be kept; saving drops them.
  const dropped = workflow.approvers.filter((approver) => !candidates.some((person) => person.id === approver.userId));
  return (
    <>
      <PageHeader
        title={`Edit ${workflow.name}`}
        description="Change what this workflow is and who answers for it. Its status is changed from its page."
        actions={<Link href={`/workflows/${workflow.id}`} className="text-sm font-medium text-indigo-700 hover:underline">Back to the workflow</Link>}
      />
      <div className="space-y-6">
        <Card title="Details">
          <WorkflowForm
            workflowId={workflow.id}
            teams={teams}
            owners={owners}
            ownerOptional={workflow.status === "draft" && actor.type === "user" && actor.role === "admin"}
            initial={{
              name: workflow.name,
              purpose: workflow.purpose,
              teamId: workflow.teamId ?? "",
              environment: workflow.environment,
              models: workflow.models.join(", "),
              providers: workflow.providers.join(", "),
              dataClassification: workflow.dataClassification,
              ownerId: workflow.ownerId ?? "",
            }}
          />
        </Card>
        <Card title="Designated approvers">
          {dropped.length > 0 && (
            <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {dropped.map((approver) => approver.user.name).join(", ")} can no longer approve (deactivated, or now the owner) and will be removed when you save.
            </p>
          )}
          <ApproversForm
            workflowId={workflow.id}
            candidates={candidates}
            initial={workflow.approvers.map((approver) => approver.userId).filter((id) => candidates.some((person) => person.id === id))}
          />
        </Card>
      </div>
    </>
  );
}
