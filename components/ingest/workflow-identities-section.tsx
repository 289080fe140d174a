import { Card } from "@/components/ui";
import { listWorkflowIdentities } from "@/lib/ingest/shadow/workflow-identities";
import { WorkflowIdentities } from "./workflow-identities";

/** The "Gateway identities" card of a workflow's page: how the AI gateway names this workflow's traffic. */
export async function WorkflowIdentitiesSection({ workflowId, editable }: { workflowId: string; editable: boolean }) {
  const identities = await listWorkflowIdentities(workflowId);
  return (
    <Card title="Gateway identities" className="mt-6">
      <p className="mb-3 text-sm text-slate-600">
        Interactions the AI gateway sends under these names (a virtual key&apos;s alias or hash, an agent, a service, a team) belong to this workflow: they are counted as its
        usage and checked against its grants.
      </p>
      <WorkflowIdentities workflowId={workflowId} identities={identities} editable={editable} />
    </Card>
  );
}
