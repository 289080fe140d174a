import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FindingsList } from "@/components/findings/findings-list";
import { WorkflowIdentitiesSection } from "@/components/ingest/workflow-identities-section";
import { LevelBadge, OwnerName, StatusBadge } from "@/components/inventory/badges";
import { Cell, DataTable } from "@/components/data-table";
import { primaryLinkClassName, secondaryButtonClassName } from "@/components/forms/form-controls";
import { IdentityPathGraph, IdentityPathLegend } from "@/components/inventory/identity-path-graph";
import { IdentityPathTable } from "@/components/inventory/identity-path-table";
import { WorkflowStatusActions } from "@/components/inventory/workflow-status-actions";
import { Card, Facts, formatDate, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { credentialIdentifier } from "@/lib/inventory/credential-identifiers";
import { layoutIdentityPath, shortDate } from "@/lib/inventory/identity-path";
import { loadIdentityPath } from "@/lib/inventory/load-identity-path";
import { getFindings } from "@/lib/findings/get-findings";
import { canEditWorkflow } from "@/lib/inventory/ownership";
import { findWorkflowDetail } from "@/lib/inventory/workflow-queries";

export const metadata: Metadata = { title: "Workflow" };

export default async function WorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await guardPage("/workflows/[id]");
  const workflow = await findWorkflowDetail((await params).id);
  if (!workflow) notFound();
  const [path, findings] = await Promise.all([loadIdentityPath(workflow.id), getFindings({ workflowId: workflow.id })]);
  const layout = layoutIdentityPath(path);
  const editable = canEditWorkflow(actor, workflow);
  const liveGrantIds = new Set(path.grants.map((g) => g.id));
  const pastGrants = workflow.grants.filter((grant) => !liveGrantIds.has(grant.id));

  return (
    <>
      <PageHeader
        title={workflow.name}
        description={workflow.purpose}
        actions={editable && <Link href={`/workflows/${workflow.id}/edit`} className={secondaryButtonClassName}>Edit</Link>}
      />
      {workflow.orphaned && (
        <p role="alert" className="mb-4 rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
          <strong>Orphaned.</strong>{" "}
          {workflow.owner ? `Its owner, ${workflow.owner.name}, has been deactivated` : "It has no owner"}, so nobody answers for what it can reach.
          An admin should name a new owner or suspend it.
        </p>
      )}

      <div className="grid gap-6 xl:grid-cols-3">
        <Card title="Details" className="xl:col-span-2">
          <Facts
            items={[
              ["Status", <StatusBadge key="s" status={workflow.status} />],
              ["Owner", <OwnerName key="o" owner={workflow.owner} orphaned={workflow.orphaned} />],
              ["Approvers", workflow.approvers.length ? workflow.approvers.map((a) => (a.user.active ? a.user.name : `${a.user.name} (deactivated)`)).join(", ") : workflow.owner ? "Only the owner" : "None"],
              ["Team", workflow.team?.name ?? "—"],
              ["Environment", workflow.environment],
              ["Data classification", <LevelBadge key="c" level={workflow.dataClassification} />],
              ["Models", workflow.models.join(", ") || "—"],
              ["Providers", workflow.providers.join(", ") || "—"],
              ["Registered", `${formatDate(workflow.createdAt)}${workflow.createdBy ? ` by ${workflow.createdBy.name}` : ""}`],
              ["Last changed", formatDate(workflow.updatedAt)],
            ]}
          />
        </Card>
        <Card title="Lifecycle">
          <p className="mb-3 text-sm text-slate-600">
            Draft → active → suspended → retired. Going active needs an active owner; retired is final.
          </p>
          {editable ? (
            <WorkflowStatusActions workflowId={workflow.id} status={workflow.status} />
          ) : (
            <p className="text-sm text-slate-500">
              {workflow.status === "retired" ? "Retired: kept as a record." : "Only its owner or an admin can change its status."}
            </p>
          )}
        </Card>
      </div>

      <WorkflowIdentitiesSection workflowId={workflow.id} editable={editable} />

      <Card title="Identity path" className="mt-6">
        <p className="mb-3 text-sm text-slate-600">What this workflow can reach: workflow → credentials → connectors → resources and actions.</p>
        <IdentityPathLegend />
        <div className="mt-3">
          <IdentityPathGraph nodes={layout.nodes} edges={layout.edges} width={layout.width} height={layout.height} workflowName={workflow.name} />
        </div>
        <h3 className="mt-5 mb-2 text-sm font-semibold text-slate-700">Every path, in words</h3>
        <IdentityPathTable path={path} />
      </Card>

      <div className="mt-6 grid gap-6 xl:grid-cols-2">
        <Card title="Credentials in use">
          {workflow.credentials.length === 0 ? (
            <p className="text-sm text-slate-500">No credentials attached. Attach one from its credential page.</p>
          ) : (
            <DataTable caption="Credentials this workflow uses" headers={["Credential", "Identifier", "Connector", "Owner", "Expires"]}>
              {workflow.credentials.map(({ credential }) => (
                <tr key={credential.id}>
                  <Cell><Link href={`/credentials/${credential.id}`} className="font-medium text-indigo-700 hover:underline">{credential.name}</Link></Cell>
                  <Cell className="font-mono text-xs">{credentialIdentifier(credential)}</Cell>
                  <Cell>{credential.connector?.name ?? "—"}</Cell>
                  <Cell><OwnerName owner={credential.owner} /></Cell>
                  <Cell>{shortDate(credential.expiresAt)}</Cell>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>

        <Card title="Least-privilege findings">
          <FindingsList findings={findings} currentHref={`/workflows/${workflow.id}`} emptyText="No findings for this workflow." />
        </Card>

        <Card title="Earlier grants">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-600">Live grants are in the identity path above. Earlier requests and grants:</p>
            {/* Anyone who may request grants may ask on any live workflow (the server checks the same);
                its owner or a designated approver decides, never the requester. */}
            {can(actor, "grant:request") && workflow.status !== "suspended" && workflow.status !== "retired" && (
              <Link href={`/grants/new?workflowId=${workflow.id}`} className={primaryLinkClassName}>Request a grant</Link>
            )}
          </div>
          {pastGrants.length === 0 ? (
            <p className="text-sm text-slate-500">No rejected, revoked or expired grants.</p>
          ) : (
            <DataTable caption="Earlier grants" headers={["Grant", "Connector", "Resources", "Actions", "Decided"]}>
              {pastGrants.map((grant) => (
                <tr key={grant.id}>
                  <Cell>
                    <Link href={`/grants/${grant.id}`} className="inline-flex items-center gap-1.5 text-indigo-700 hover:underline">
                      <StatusBadge status={grant.status === "approved" ? "expired" : grant.status} /> <span>View grant</span>
                    </Link>
                  </Cell>
                  <Cell>{grant.connector.name}</Cell>
                  <Cell className="font-mono text-xs">{grant.resources.join(", ")}</Cell>
                  <Cell>{grant.actions.join(", ")}</Cell>
                  <Cell>{grant.decidedBy ? `${grant.decidedBy.name}, ${shortDate(grant.decidedAt)}` : "—"}</Cell>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
      </div>
    </>
  );
}
