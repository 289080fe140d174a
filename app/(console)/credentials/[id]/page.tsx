import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CredentialHealthBadges, LevelBadge, OwnerName, StatusBadge } from "@/components/inventory/badges";
import { CredentialWorkflows } from "@/components/inventory/credential-workflows";
import { Cell, DataTable } from "@/components/data-table";
import { secondaryButtonClassName } from "@/components/forms/form-controls";
import { RotateCredentialForm } from "@/components/inventory/rotate-credential-form";
import { Card, Facts, formatDate, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { findCredentialDetail } from "@/lib/inventory/credential-queries";
import { shortDate } from "@/lib/inventory/identity-path";
import { canEditCredential, canEditWorkflow } from "@/lib/inventory/ownership";
import { CREDENTIAL_KIND_LABELS } from "@/lib/inventory/vocabulary";
import { listWorkflowOptions } from "@/lib/inventory/workflow-queries";

export const metadata: Metadata = { title: "Credential" };

export default async function CredentialPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await guardPage("/credentials/[id]");
  const credential = await findCredentialDetail((await params).id);
  if (!credential) notFound();
  const editable = canEditCredential(actor, credential);
  const mayAttach = can(actor, "credential:write");
  const workflowOptions = mayAttach ? await listWorkflowOptions() : [];
  const attached = credential.workflows.map(({ workflow }) => ({ ...workflow, editable: canEditWorkflow(actor, workflow) }));
  const attachable = workflowOptions.map((workflow) => ({ ...workflow, editable: canEditWorkflow(actor, workflow) }));

  return (
    <>
      <PageHeader
        title={credential.name}
        description={`${CREDENTIAL_KIND_LABELS[credential.kind]}${credential.connector ? ` for ${credential.connector.name}` : ""}. Warden keeps its identifier and dates, never the secret.`}
        actions={editable && <Link href={`/credentials/${credential.id}/edit`} className={secondaryButtonClassName}>Edit</Link>}
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <Card title="Details" className="xl:col-span-2">
          <Facts
            items={[
              ["Health", <CredentialHealthBadges key="h" health={credential.health} />],
              ["Kind", CREDENTIAL_KIND_LABELS[credential.kind]],
              [
                "Connector",
                credential.connector ? (
                  <span key="c" className="inline-flex items-center gap-2">
                    <Link href={`/connectors/${credential.connector.id}`} className="text-indigo-700 hover:underline">{credential.connector.name}</Link>
                    <LevelBadge level={credential.connector.sensitivity} />
                  </span>
                ) : (
                  "Not tied to a connector"
                ),
              ],
              ["Environment", credential.environment],
              ["Last four", credential.lastFour ? <code key="l" className="font-mono">••••{credential.lastFour}</code> : "—"],
              ["Fingerprint", credential.fingerprint ? <code key="f" className="font-mono text-xs">{credential.fingerprint}</code> : "—"],
              ["Owner", <OwnerName key="o" owner={credential.owner} />],
              ["Issued", formatDate(credential.issuedAt)],
              ["Last rotated", credential.lastRotatedAt ? formatDate(credential.lastRotatedAt) : "Never"],
              ["Rotation policy", `Every ${credential.rotationPolicyDays} days`],
              ["Next rotation due", formatDate(credential.health.rotationDueAt)],
              ["Expires", credential.expiresAt ? formatDate(credential.expiresAt) : "Never"],
            ]}
          />
        </Card>
        <Card title="Rotation">
          {editable ? (
            <RotateCredentialForm credentialId={credential.id} />
          ) : (
            <p className="text-sm text-slate-500">Only its owner or an admin can mark this credential rotated.</p>
          )}
        </Card>
      </div>
      <div className="mt-6 grid gap-6 xl:grid-cols-2">
        <Card title="Used by workflows">
          <CredentialWorkflows credentialId={credential.id} attached={attached} attachable={mayAttach ? attachable : []} />
        </Card>
        <Card title="Live grants through this credential">
          {credential.grants.length === 0 ? (
            <p className="text-sm text-slate-500">No grant names this credential.</p>
          ) : (
            <DataTable caption="Live grants through this credential" headers={["Workflow", "Grant", "Connector", "Actions", "Expires"]}>
              {credential.grants.map((grant) => (
                <tr key={grant.id}>
                  <Cell><Link href={`/workflows/${grant.workflow.id}`} className="font-medium text-indigo-700 hover:underline">{grant.workflow.name}</Link></Cell>
                  <Cell><Link href={`/grants/${grant.id}`} className="inline-flex items-center gap-1.5 text-indigo-700 hover:underline"><StatusBadge status={grant.status} /> <span>View grant</span></Link></Cell>
                  <Cell>{grant.connector.name}</Cell>
                  <Cell>{grant.actions.join(", ")}</Cell>
                  <Cell>{shortDate(grant.expiresAt)}</Cell>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
      </div>
    </>
  );
}
