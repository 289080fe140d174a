import type { Metadata } from "next";
import { WorkflowForm } from "@/components/inventory/workflow-form";
import { Card, PageHeader } from "@/components/ui";
import { guardPage } from "@/lib/auth/guard";
import { listOwnerOptions, listTeams } from "@/lib/inventory/people";

export const metadata: Metadata = { title: "New workflow" };

export default async function NewWorkflowPage() {
  const actor = await guardPage("/workflows/new");
  const [teams, owners] = await Promise.all([listTeams(), listOwnerOptions()]);
  const isProductOwner = actor.type === "user" && actor.role === "owner";
  return (
    <>
      <PageHeader title="New workflow" description="Register an LLM app or agent. It starts as a draft; it can go active once it has an accountable owner." />
      <Card>
        <WorkflowForm
          teams={teams}
          owners={owners}
          // A product owner registers their own workflows; an admin may leave a draft unowned.
          ownerOptional={!isProductOwner}
          initial={{
            name: "",
            purpose: "",
            teamId: "",
            environment: "development",
            models: "",
            providers: "",
            dataClassification: "internal",
            ownerId: isProductOwner ? actor.id : "",
          }}
        />
      </Card>
    </>
  );
}
